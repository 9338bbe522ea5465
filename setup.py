"""Only what pyproject.toml cannot say: the repository's knowledge/ and prompts/ ship in the wheel.

They stay at the top of the repository (the design card's layout) and are mapped into the package as
drafter.assets.knowledge and drafter.assets.prompts, so an installed Drafter finds them as package data
(drafter/assets/__init__.py). Everything else is in pyproject.toml.

Every folder of data (no __init__.py) is declared as a namespace package of its own with all its files as
package data: setuptools (>= 69) warns at length about a folder inside a package that is importable but
not in `packages`, once per folder on every build and editable install.
"""

import os

from setuptools import find_packages, setup

ASSETS = {"drafter.assets.knowledge": "knowledge", "drafter.assets.prompts": "prompts"}
DATA = {
    **ASSETS,
    "drafter.assets.models": "drafter/assets/models",
    "drafter.web.templates": "drafter/web/templates",
    "drafter.web.static": "drafter/web/static",
    "drafter.review.templates": "drafter/review/templates",
}


def data_packages(package: str, folder: str) -> list[str]:
    """The package of `folder` and one per folder below it (hidden folders and caches left out)."""
    names = []
    for here, dirs, _ in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        relative = os.path.relpath(here, folder)
        names.append(package if relative == "." else f"{package}.{relative.replace(os.sep, '.')}")
    return names


DATA_PACKAGES = [name for package, folder in DATA.items() for name in data_packages(package, folder)]

setup(
    packages=find_packages(include=["drafter", "drafter.*"]) + DATA_PACKAGES,
    package_dir=ASSETS,
    package_data={name: ["*"] for name in DATA_PACKAGES},
)
