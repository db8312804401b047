"""Where the shipped files live: the repository's resources/ and seeds/ folders.

The project is installed editable (`pip install -e .`, see README), so these are
found next to the package rather than copied into site-packages.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
FONTS = RESOURCES / "fonts"
I18N = RESOURCES / "i18n"
SEEDS = ROOT / "seeds"
DEMO_DATASET = SEEDS / "demo"
