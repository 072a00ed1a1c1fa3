"""The type stubs shipped in the wheel name exactly what the module has."""

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import eventpattern
import eventpattern.testing
from eventpattern import _eventpattern


def stub_tree():
    stub = Path(_eventpattern.__file__).with_name("_eventpattern.pyi")
    assert Path(eventpattern.__file__).with_name("py.typed").exists()
    return ast.parse(stub.read_text(encoding="utf-8"))


def test_every_function_and_class_has_a_stub():
    tree = stub_tree()
    stubbed = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    native = {name for name in dir(_eventpattern) if not name.startswith("_")}
    # the stubs' extra names are the TypedDicts describing the reports
    assert native <= stubbed
    for name in stubbed - native:
        node = next(n for n in tree.body if getattr(n, "name", None) == name)
        assert [b.id for b in node.bases] == ["TypedDict"], name


def test_every_method_has_a_stub():
    tree = stub_tree()
    for cls in (eventpattern.Pattern, eventpattern.RuleSet, eventpattern.testing.Endpoint):
        node = next(n for n in tree.body if getattr(n, "name", None) == cls.__name__)
        stubbed = {f.name for f in node.body if isinstance(f, ast.FunctionDef)}
        public = {
            name
            for name, _ in inspect.getmembers(cls)
            if not name.startswith("_") or name in ("__len__", "__contains__")
        }
        assert public <= stubbed | {"__init__"}, cls.__name__


def test_all_is_the_public_api():
    # Not API: the submodule eventpattern.testing, and the helpers pytest adds
    # when it rewrites the asserts of a plugin's package ("@py_builtins").
    assert sorted(eventpattern.__all__) == sorted(
        n for n in dir(eventpattern) if not n.startswith(("_", "@")) and n not in ("annotations", "testing")
    )
    assert sorted(eventpattern.testing.__all__) == ["Endpoint", "eventbridge_endpoint", "events_client"]


def mypy(cache, *targets):
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(cache), *targets],
        capture_output=True, text=True, check=False,
    )


def test_stubs_type_check_typed_uses(tmp_path):
    """mypy --strict accepts typed uses of every function, and the package's own Python."""
    usage = Path(__file__).with_name("typing_usage.py")
    for targets in ([str(usage)], ["-p", "eventpattern"]):
        run = mypy(tmp_path, *targets)
        assert run.returncode == 0, run.stdout + run.stderr
    # a wrong use is caught: the stubs are read, not ignored
    bad = tmp_path / "bad.py"
    bad.write_text("import eventpattern\nx: str = eventpattern.matches('{}', '{}')\n")
    run = mypy(tmp_path, str(bad))
    assert run.returncode == 1 and '"bool"' in run.stdout, run.stdout
