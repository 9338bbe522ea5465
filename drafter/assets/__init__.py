"""Where Drafter's own files are: knowledge/, prompts/ and the embedding model, in a checkout or installed.

In a checkout (or an editable install) they are the repository's top-level `knowledge/` and `prompts/`
folders, as the design card lays them out. A wheel carries the same folders as package data under
`drafter/assets/` (setup.py maps them there), so an installed Drafter finds them from any directory.
The embedding model (`models/use_multilingual_quantized.onnx`) lives here in both cases.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parents[1]  # the repository, when drafter/ is run from its source tree
MODEL_FILE = PACKAGE / "models" / "use_multilingual_quantized.onnx"


def is_checkout() -> bool:
    """True when running from the source tree (pyproject.toml beside drafter/)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "drafter" / "assets").is_dir()


def asset_dir(name: str) -> Path:
    """`knowledge` or `prompts`: the checkout's folder when there is one, else the installed copy."""
    in_checkout = CHECKOUT / name
    if is_checkout() and in_checkout.is_dir():
        return in_checkout
    return PACKAGE / name
