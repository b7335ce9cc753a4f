"""How well PDFs keep their layout (issue 13), on a folder of PDFs the tool did not write.

    PYTHONPATH=src python benchmarks/pdf_layout.py FOLDER [--every N] [--rebuild]

Each PDF is read by the PDF format, every N-th distinct capitalised word of its pages'
text (5+ letters) is "redacted" (replaced by a token everywhere in page text), and the
output is written and read back. Per file: processed (read and written without error),
page count, page sizes and image count unchanged, the redacted words gone from both
pypdf's and pdfminer's text, the share of the other words still read back in order
(difflib over word sequences), pages kept versus rebuilt, and CPU time (user+sys).
No PDF is copied anywhere; files are named by position in the printed table.
"""

from __future__ import annotations

import argparse
import io
import re
import resource
import sys
from difflib import SequenceMatcher
from pathlib import Path

from victimshield.errors import InputError
from victimshield.formats.pdf import PdfFormat

TOKEN = "[VICTIM-9]"
WORD = re.compile(r"\w+")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _chosen(texts: list[str], every: int) -> set[str]:
    words = sorted({w for t in texts for w in re.findall(r"\b[A-Z][a-z]{4,}\b", t)})
    return set(words[::every])


def _facts(data: bytes) -> tuple[int, list[tuple[float, float]], int, list[str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    sizes = [(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in reader.pages]
    images = 0
    for page in reader.pages:
        try:
            images += len(page.images)
        except Exception:
            images += 0
    return len(reader.pages), sizes, images, [p.extract_text() or "" for p in reader.pages]


def _fonts(data: bytes) -> list[set[str]]:
    from pypdf import PdfReader

    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        found.append({str(k) for k in fonts.get_object()} if fonts is not None else set())
    return found


def _rebuilt(data: bytes, out: bytes) -> int:
    """Pages written from their text rather than kept: they lost the input page's own fonts."""
    return sum(1 for a, b in zip(_fonts(data), _fonts(out), strict=False) if a and not a <= b)


def measure(path: Path, every: int) -> dict[str, object]:
    from pdfminer.high_level import extract_text

    fmt = PdfFormat()
    data = path.read_bytes()
    start = _cpu()
    try:
        document = fmt.read(path, "input", data)
    except InputError as exc:
        return {"processed": False, "why": exc.reason.split(" (")[0][:60]}
    if document.unreadable_pages:  # scans: refused by default (or dropped, or read by OCR)
        return {"processed": False, "why": f"{len(document.unreadable_pages)} page(s) without a text layer"}
    pages = [s for s in document.segments if s.locator.page is not None and s.locator.field is None]
    chosen = _chosen([s.text for s in pages], every)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(chosen))) + r")\b") if chosen else None
    texts = [pattern.sub(TOKEN, s.text) if pattern and s in pages else s.text for s in document.segments]
    try:
        out = fmt.write(document, texts)
        back = fmt.read(path, "output", out)
    except Exception as exc:  # counted, not hidden: a file the writer could not write
        return {"processed": False, "why": f"write: {type(exc).__name__}"}
    cpu = _cpu() - start
    n_in, sizes_in, images_in, _ = _facts(data)
    n_out, sizes_out, images_out, pypdf_out = _facts(out)
    miner_out = extract_text(io.BytesIO(out))
    outside = [w for s in pages for w in WORD.findall(pattern.sub(" ", s.text) if pattern else s.text)]
    read_back = [w for s in back.segments if s.locator.field is None and s.locator.page is not None
                 for w in WORD.findall(s.text.replace(TOKEN, " "))]
    matcher = SequenceMatcher(None, outside, read_back, autojunk=False)
    kept_words = sum(block.size for block in matcher.get_matching_blocks())
    left = [w for w in chosen if re.search(rf"\b{re.escape(w)}\b", "\n".join(pypdf_out) + "\n" + miner_out)]
    rebuilt = _rebuilt(data, out)
    return {
        "processed": True, "pages": n_in, "same_pages": n_in == n_out, "same_sizes": sizes_in == sizes_out,
        "same_images": images_in == images_out, "words": len(outside),
        "kept": kept_words / len(outside) if outside else 1.0, "redacted": len(chosen), "left": len(left),
        "rebuilt_pages": rebuilt, "whole_rebuild": document.layout.kept is None, "cpu": cpu,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--every", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="the rebuilding writer for every page, to compare")
    args = parser.parse_args(argv)
    if args.rebuild:
        import victimshield.formats.pdf.read as reading

        reading._page_texts = lambda data, pages: None  # as if pdfminer could not read
    files = sorted(p for p in args.folder.rglob("*") if p.suffix.lower() == ".pdf")
    results = []
    for n, path in enumerate(files, 1):
        result = measure(path, args.every)
        results.append(result)
        print(f"file {n:3d}: " + ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                           for k, v in result.items()), flush=True)
    done = [r for r in results if r["processed"]]

    def count(key: str) -> int:
        return sum(1 for r in done if r[key] is True)

    def total(key: str) -> float:
        return sum(float(str(r[key])) for r in done)

    words = total("words")
    kept = sum(float(str(r["kept"])) * float(str(r["words"])) for r in done)
    print(f"processed {len(done)}/{len(results)}; pages/sizes/images unchanged in "
          f"{count('same_pages')}/{count('same_sizes')}/{count('same_images')} of {len(done)}; "
          f"files with >=95% words kept {sum(float(str(r['kept'])) >= 0.95 for r in done)}/{len(done)} "
          f"(all words {kept / max(words, 1):.3f}); redacted words left {total('left'):.0f}; "
          f"pages rebuilt {total('rebuilt_pages'):.0f}; whole files rebuilt {count('whole_rebuild')}; "
          f"cpu {total('cpu'):.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
