"""The pytest plugin, exercised the way a downstream project uses it."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import aifactories
from aifactories.testing import build_registry, make_antenna, make_factory

pytest_plugins = ["pytester"]

# Where plugin auto-loading is off, this line in the root conftest.py loads
# the fixtures; the README and the how-to show it.
README_CONFTEST = """\
pytest_plugins = ["aifactories.testing.pytest_plugin"]
"""

# The README's "Testing your code with aifactories" example, verbatim: it
# needs no conftest.py, the fixtures are auto-loaded.

README_TEST = """\
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import aifactories
from aifactories import Factory, Registry, RegistryDataError
from aifactories.testing import break_rule, build_registry, make_antenna, make_factory
from aifactories.testing.strategies import registries


def reachable_from(registry: Registry, factory: Factory) -> set[str]:
    \"\"\"The code under test: the countries a factory serves directly.\"\"\"
    antennas = {antenna.country for antenna in registry.antennas_of(factory)}
    return {factory.country, *factory.partner_countries, *antennas}


def test_real_data(aif_registry: Registry, aif_factory: Factory) -> None:
    assert aif_factory.name in aif_registry
    assert "SE" in reachable_from(aif_registry, aif_factory)


@given(st.sampled_from(["SE", "FI", "CZ"]))
def test_real_data_any_country(aif_session_registry: Registry, country: str) -> None:
    for entry in aif_session_registry.in_country(country):
        assert entry.country == country


def test_hand_made_registry(aif_make_registry: Callable[..., Registry]) -> None:
    registry = aif_make_registry(
        make_factory("alpha", country="FI"),
        make_antenna("beta", country="EE", factories=["alpha"]),
    )
    assert reachable_from(registry, registry.factory("alpha")) == {"FI", "EE"}


@given(st.from_type(Factory))
def test_any_factory(factory: Factory) -> None:
    assert factory.country in reachable_from(build_registry(factory), factory)


@given(registries(min_factories=1))
def test_any_registry(registry: Registry) -> None:
    for factory in registry.factories:
        for antenna in registry.antennas_of(factory):
            assert antenna.country in reachable_from(registry, factory)


def test_bad_file_is_rejected(aif_registry: Registry, tmp_path: Path) -> None:
    bad = tmp_path / "registry.json"
    bad.write_text(json.dumps(break_rule(aif_registry, "dangling-link")))
    with pytest.raises(RegistryDataError, match="no factory with id"):
        aifactories.load(bad)
"""


def test_readme_shows_the_tested_example() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    heading = "## Testing your code with aifactories"
    if heading not in readme:
        pytest.skip("the README section is not merged yet")
    section = readme.split(heading, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert blocks[:2] == [README_TEST, README_CONFTEST]


def _write_registry(pytester: pytest.Pytester, name: str) -> None:
    registry = build_registry(
        make_factory("alpha"), make_antenna("beta", factories=["alpha"])
    )
    path = pytester.path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(aifactories.dumps(registry), encoding="utf-8")


@pytest.mark.parametrize("opt_in", [False, True], ids=["auto", "auto+opt-in"])
def test_readme_example_passes(pytester: pytest.Pytester, *, opt_in: bool) -> None:
    # Without a conftest.py the entry point provides the fixtures; the
    # opt-in line adds nothing twice.
    if opt_in:
        pytester.makeconftest(README_CONFTEST)
    pytester.makepyfile(test_readme=README_TEST)
    result = pytester.runpytest("--strict-markers", "-W", "error")
    result.assert_outcomes(passed=6)


def test_marker_and_overrides_point_at_user_data(pytester: pytest.Pytester) -> None:
    _write_registry(pytester, "data/mine.json")
    _write_registry(pytester, "other.json")
    pytester.makeconftest(
        README_CONFTEST
        + textwrap.dedent(
            """
            import pytest

            @pytest.fixture
            def aif_registry_file():
                return "data/mine.json"  # relative to the rootdir

            @pytest.fixture
            def aif_factory_id():
                return "alpha"
            """
        )
    )
    pytester.makepyfile(
        """
        import pytest

        seen = []

        def test_user_file(aif_registry, aif_factory):
            seen.append(aif_registry)
            assert [e.id for e in aif_registry] == ["alpha", "beta"]
            assert aif_factory.id == "alpha"

        def test_parsed_once(aif_registry):
            assert aif_registry is seen[0]

        @pytest.mark.aif_data("other.json")
        def test_marker_wins(aif_registry):
            assert aif_registry is not seen[0]
            assert aif_registry == seen[0]
        """
    )
    result = pytester.runpytest("--strict-markers", "-p", "no:randomly")
    result.assert_outcomes(passed=3)


def test_misuse_fails_with_clear_messages(pytester: pytest.Pytester) -> None:
    _write_registry(pytester, "broken.json")
    text = (pytester.path / "broken.json").read_text(encoding="utf-8")
    (pytester.path / "broken.json").write_text(
        text.replace('"country": "SE"', '"country": "XX"', 1), encoding="utf-8"
    )
    pytester.makeconftest(README_CONFTEST)
    pytester.makepyfile(
        test_fixtures="""
        import pytest
        from aifactories.testing import make_antenna

        @pytest.mark.aif_data
        def test_marker_without_path(aif_registry):
            pass

        @pytest.mark.aif_data("missing.json")
        def test_missing_file(aif_registry):
            pass

        @pytest.mark.aif_data("broken.json")
        def test_broken_file(aif_registry):
            pass

        def test_dangling_link(aif_make_registry):
            aif_make_registry(make_antenna("beta", factories=["nowhere"]))

        class TestAntennaAsFactory:
            @pytest.fixture
            def aif_factory_id(self):
                return "aif-irl-antenna"

            def test_it(self, aif_factory):
                pass
        """,
        test_strategy="""
        from hypothesis import given
        from aifactories.testing.strategies import registries

        @given(registries(min_size=5, max_size=2))
        def test_sizes(registry):
            pass
        """,
    )
    result = pytester.runpytest("--continue-on-collection-errors")
    result.assert_outcomes(failed=1, errors=5)
    result.stdout.fnmatch_lines_random(
        [
            "*@pytest.mark.aif_data takes exactly one argument, the path of a *",
            "*aif_registry: cannot load */missing.json: *No such file*",
            "*aif_registry: cannot load */broken.json: *invalid registry data, 1 *",
            "*factories[[]0[]].country: 'XX' is not an ISO 3166-1 alpha-2 country*",
            "*antennas[[]0[]].factories[[]0[]]: no factory with id 'nowhere'*",
            (
                "*aif_factory: 'aif-irl-antenna' is an antenna in <Registry *>; "
                "override the aif_factory_id fixture*"
            ),
            "*InvalidArgument: max_size=2: must be an integer >= 5*",
        ]
    )


FIXTURES = (
    "aif_registry",
    "aif_session_registry",
    "aif_registry_file",
    "aif_factory",
    "aif_factory_id",
    "aif_make_registry",
)


def test_the_entry_point_names_the_shim() -> None:
    plugins = importlib.metadata.entry_points(group="pytest11")
    ours = [ep for ep in plugins if "aifactories" in ep.value]
    # Named as its module: pytest_plugins then finds it registered.
    assert [(ep.name, ep.value) for ep in ours] == [
        ("_aifactories_pytestplugin", "_aifactories_pytestplugin")
    ]


def _definitions(result: pytest.RunResult) -> dict[str, int]:
    """How many times ``pytest --fixtures`` lists each of our fixtures."""
    names = [line.split()[0] for line in result.outlines if line[:4] == "aif_"]
    return {name: names.count(name) for name in FIXTURES}


@pytest.mark.parametrize("opt_in", [False, True], ids=["auto", "auto+opt-in"])
def test_every_fixture_is_registered_once(
    pytester: pytest.Pytester, *, opt_in: bool
) -> None:
    if opt_in:
        pytester.makeconftest(README_CONFTEST)
    result = pytester.runpytest("--fixtures")
    assert _definitions(result) == dict.fromkeys(FIXTURES, 1)


USES_A_FIXTURE = """
def test_uses_fixture(aif_registry):
    assert "mimer" in aif_registry
"""


def test_without_auto_loading_the_opt_in_line_loads_them(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(USES_A_FIXTURE)
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(["*fixture 'aif_registry' not found*"])
    pytester.makeconftest(README_CONFTEST)
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    assert _definitions(pytester.runpytest("--fixtures")) == dict.fromkeys(FIXTURES, 1)


def test_the_fixtures_can_be_switched_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USES_A_FIXTURE)
    result = pytester.runpytest("-p", "no:_aifactories_pytestplugin")
    result.stdout.fnmatch_lines(["*fixture 'aif_registry' not found*"])


def test_session_fixtures_work_with_given(pytester: pytest.Pytester) -> None:
    # Hypothesis fails a @given test that uses a function-scoped fixture;
    # these are session-scoped, and the plugin runs with -W error.
    pytester.makepyfile(
        """
        from hypothesis import given, strategies as st
        from aifactories.testing import make_factory

        @given(st.integers(0, 3))
        def test_both(aif_session_registry, aif_make_registry, n):
            assert len(aif_session_registry) > n
            registry = aif_make_registry(make_factory(f"f{n}"))
            assert registry[f"f{n}"].id == f"f{n}"

        def test_same_object(aif_session_registry, aif_registry):
            assert aif_session_registry is aif_registry
        """
    )
    result = pytester.runpytest("-W", "error")
    result.assert_outcomes(passed=2)


class TestFunctionScopedFixturesInGiven:
    """A function-scoped fixture of ours in an @given test points to the session one."""

    def test_aif_registry_points_to_aif_session_registry(
        self, pytester: pytest.Pytester
    ) -> None:
        pytester.makepyfile(
            """
            from hypothesis import given, strategies as st

            @given(st.integers())
            def test_uses_it(aif_registry, n):
                pass
            """
        )
        result = pytester.runpytest()
        result.assert_outcomes(failed=1)
        message = (
            "*test_uses_it: the fixture 'aif_registry' is function-scoped, and "
            "Hypothesis runs every example of an @given test with one value of "
            "it, so it refuses it there; use aif_session_registry (the same "
            "registry, session-scoped)"
        )
        result.stdout.fnmatch_lines([message])

    def test_aif_factory_points_to_a_lookup(self, pytester: pytest.Pytester) -> None:
        pytester.makepyfile(
            """
            from hypothesis import given, strategies as st

            @given(st.integers())
            def test_uses_it(aif_factory, n):
                pass
            """
        )
        result = pytester.runpytest()
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["*aif_session_registry.factory('mimer')*"])

    def test_the_suppressed_health_check_is_respected(
        self, pytester: pytest.Pytester
    ) -> None:
        pytester.makepyfile(
            """
            from hypothesis import HealthCheck, given, settings, strategies as st

            @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
            @given(st.integers(0, 2))
            def test_uses_it(aif_registry, n):
                assert len(aif_registry) > n
            """
        )
        pytester.runpytest().assert_outcomes(passed=1)


def _imported(pytester: pytest.Pytester, *args: str) -> tuple[set[str], str]:
    """The modules ``python -X importtime -m pytest`` imports, and its stdout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pytest", *args],
        cwd=pytester.path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # "import time: self [us] | cumulative | imported package", indented.
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }
    return modules, done.stdout


# -X importtime does not log what pytest imports through importlib (the
# plugins, and what they import then): this conftest, which uses no
# fixture, says at the very end whether ours was loaded and whether
# aifactories was imported.
SAYS_IF_LOADED = """
import sys

def pytest_unconfigure(config):
    for name in ("_aifactories_pytestplugin", "aifactories"):
        print(name, "imported" if name in sys.modules else "not imported")
"""


def test_a_run_that_uses_no_fixture_never_imports_aifactories(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(SAYS_IF_LOADED)
    pytester.makepyfile(
        test_plain="""
        from hypothesis import given, strategies as st

        def test_plain():
            assert True

        @given(st.integers())
        def test_property(n):
            assert n == n
        """
    )
    modules, out = _imported(pytester, "-p", "no:cacheprovider", "--co")
    assert "_aifactories_pytestplugin imported" in out
    assert "aifactories not imported" in out
    assert not {m for m in modules if m.split(".")[0] == "aifactories"}
    # The same checks see aifactories once a test uses a fixture.
    pytester.makepyfile(test_uses=USES_A_FIXTURE)
    _, out = _imported(pytester, "-p", "no:cacheprovider", "-q")
    assert "3 passed" in out
    assert "aifactories imported" in out


def test_marker_is_registered(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(README_CONFTEST)
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.aif_data(path): load this test's*"])
