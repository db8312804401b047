"""Where the shipped files live: resources/ and seeds/.

Installed editable (`pip install -e .`, see README) they are the repository's folders next to the
package. In a PyInstaller bundle (packaging/build.py) they are copied under the bundle's data folder,
``sys._MEIPASS``, with the same names.
"""

import sys
from pathlib import Path

FROZEN = bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")
ROOT = Path(sys._MEIPASS) if FROZEN else Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
FONTS = RESOURCES / "fonts"
I18N = RESOURCES / "i18n"
ICONS = RESOURCES / "icons"
SEEDS = ROOT / "seeds"
DEMO_DATASET = SEEDS / "demo"
