// Loads the WebAssembly app; shows a readable message if that fails.
import init from './pkg/eventpattern_web.js';

init().catch((err) => {
  const app = document.getElementById('app');
  const p = document.createElement('p');
  p.className = 'loading';
  p.textContent = 'The playground could not start: ' + err;
  app.replaceChildren(p);
});
