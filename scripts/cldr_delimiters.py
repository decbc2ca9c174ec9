"""Extract the CLDR quotation delimiters of every locale into polywire's standards folder.

Babel ships CLDR but not its `<delimiters>`; this copies just those. Run after installing Debian's
`unicode-cldr-core`:  python scripts/cldr_delimiters.py /usr/share/unicode/cldr/common/main
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/polywire/standards/cldr/delimiters.json"
FIELDS = (
    "quotationStart",
    "quotationEnd",
    "alternateQuotationStart",
    "alternateQuotationEnd",
)


def main(main_dir: Path) -> None:
    table: dict[str, list[str]] = {}
    for path in sorted(main_dir.glob("*.xml")):
        delimiters = ET.parse(path).getroot().find("delimiters")
        if delimiters is None:
            continue
        values = [delimiters.findtext(name) for name in FIELDS]
        if all(values):
            table[path.stem] = [str(v) for v in values]
    OUT.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0) + "\n")
    print(f"{len(table)} locales -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
