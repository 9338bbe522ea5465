"""Only what pyproject.toml cannot say: the repository's knowledge/ and prompts/ ship in the wheel.

They stay at the top of the repository (the design card's layout) and are mapped into the package as
drafter.assets.knowledge and drafter.assets.prompts, so an installed Drafter finds them as package data
(drafter/assets/__init__.py). Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

ASSETS = {"drafter.assets.knowledge": "knowledge", "drafter.assets.prompts": "prompts"}

setup(
    packages=find_packages(include=["drafter", "drafter.*"]) + list(ASSETS),
    package_dir=ASSETS,
    package_data={
        **{name: ["**/*"] for name in ASSETS},
        "drafter.assets": ["models/*"],
        "drafter.web": ["templates/*", "static/*"],
        "drafter.review": ["templates/*"],
    },
)
