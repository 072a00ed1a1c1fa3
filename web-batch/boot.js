// Loads the rules × events page's WebAssembly; shows a readable message if that fails.
import init from './pkg-batch/eventpattern_batch_web.js';

init().catch((err) => {
  const app = document.getElementById('app');
  const p = document.createElement('p');
  p.className = 'loading';
  p.textContent = 'The page could not start: ' + err;
  app.replaceChildren(p);
});
