"""The pytest plugin, exercised the way a downstream project uses it."""

from __future__ import annotations

import importlib.metadata
import re
import textwrap
from pathlib import Path

import pytest

import aifactories
from aifactories.testing import build_registry, make_antenna, make_factory

pytest_plugins = ["pytester"]

# The README's "Testing your code with aifactories" example, verbatim.
README_CONFTEST = """\
pytest_plugins = ["aifactories.testing.pytest_plugin"]
"""

README_TEST = """\
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
    bad.write_text(aifactories.dumps(break_rule(aif_registry, "dangling-link")))
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
    assert blocks[:2] == [README_CONFTEST, README_TEST]


def _write_registry(pytester: pytest.Pytester, name: str) -> None:
    registry = build_registry(
        make_factory("alpha"), make_antenna("beta", factories=["alpha"])
    )
    path = pytester.path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(aifactories.dumps(registry), encoding="utf-8")


def test_readme_example_passes(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(README_CONFTEST)
    pytester.makepyfile(test_readme=README_TEST)
    result = pytester.runpytest("--strict-markers", "-W", "error")
    result.assert_outcomes(passed=5)


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


def test_plugin_is_opt_in(pytester: pytest.Pytester) -> None:
    # No pytest11 entry point: projects that do not ask for the plugin never
    # import aifactories when pytest starts, nor get our fixtures.
    plugins = importlib.metadata.entry_points(group="pytest11")
    assert not [ep for ep in plugins if ep.value.startswith("aifactories")]
    pytester.makepyfile(
        """
        def test_uses_fixture(aif_registry):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'aif_registry' not found*"])


def test_marker_is_registered(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(README_CONFTEST)
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.aif_data(path): load this test's*"])
