"""The type stubs shipped in the wheel name exactly what the module has."""

import ast
import inspect
from pathlib import Path

import eventpattern
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
    for cls in (eventpattern.Pattern, eventpattern.RuleSet):
        node = next(n for n in tree.body if getattr(n, "name", None) == cls.__name__)
        stubbed = {f.name for f in node.body if isinstance(f, ast.FunctionDef)}
        public = {
            name
            for name, _ in inspect.getmembers(cls)
            if not name.startswith("_") or name in ("__len__", "__contains__")
        }
        assert public <= stubbed | {"__init__"}, cls.__name__


def test_all_is_the_public_api():
    assert sorted(eventpattern.__all__) == sorted(
        n for n in dir(eventpattern) if not n.startswith("_") and n not in ("annotations",)
    )
