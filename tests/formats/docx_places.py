"""Word documents with a value planted in one chosen place (issue 13): every place a .docx
has that can hold words, each built as Word writes it. ``build(place, value)`` gives the
document's bytes; ``everything(data)`` every part's text, embedded documents opened."""

from __future__ import annotations

import io
import zipfile

NS = " ".join([
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"',
])
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
SUSPECT = "<w:p><w:r><w:t>Marius Stan a primit banii.</w:t></w:r></w:p>"
TYPES = (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
PROPS = "http://schemas.openxmlformats.org/officeDocument/2006"
VT = 'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"'
CORE_NS = ('xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _part(root: str, inner: str) -> str:
    return f"{HEAD}<{root} {NS}>{inner}</{root}>"


def _body(inner: str) -> dict[str, str]:
    return {"word/document.xml": _part("w:document", f"<w:body>{SUSPECT}{inner}<w:sectPr/></w:body>")}


def _shape(attributes: str, inner: str = "") -> str:
    content = f"<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>" if inner else ""
    return (f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            f'<wp:docPr id="1" {attributes}/><a:graphic><a:graphicData><wps:wsp>{content}</wps:wsp>'
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>")


def _core(inner: str) -> dict[str, str]:
    return {"docProps/core.xml": f"{HEAD}<cp:coreProperties {CORE_NS}>{inner}</cp:coreProperties>"}


def _app(inner: str) -> dict[str, str]:
    return {"docProps/app.xml": f'{HEAD}<Properties xmlns="{PROPS}/extended-properties" {VT}>{inner}</Properties>'}


def _custom(name: str, value: str) -> dict[str, str]:
    return {"docProps/custom.xml": f'{HEAD}<Properties xmlns="{PROPS}/custom-properties" {VT}><property '
                                   f'fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{name}">'
                                   f"<vt:lpwstr>{value}</vt:lpwstr></property></Properties>"}


def _rels(target: str) -> dict[str, str]:
    return {"word/_rels/document.xml.rels": f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                                            f'2006/relationships"><Relationship Id="rId9" Type="{REL}" '
                                            f'Target="{target}" TargetMode="External"/></Relationships>'}


def _places(v: str, mail: str) -> dict[str, dict[str, str]]:
    """Each place's parts with the name ``v`` or the address ``mail`` planted there (and the
    suspect in the body)."""
    return {
        "body": _body(_p(f"Declar: {v} a fost dusa acolo.")),
        "table cell": _body(f"<w:tbl><w:tr><w:tc>{_p(v)}</w:tc></w:tr></w:tbl>"),
        "header": {**_body(""), "word/header1.xml": _part("w:hdr", _p(f"Dosar {v}"))},
        "footer": {**_body(""), "word/footer2.xml": _part("w:ftr", _p(f"Pagina 1, {v}"))},
        "footnote": {**_body(""), "word/footnotes.xml": _part("w:footnotes", f'<w:footnote w:id="1">{_p(v)}'
                                                                             "</w:footnote>")},
        "endnote": {**_body(""), "word/endnotes.xml": _part("w:endnotes", f'<w:endnote w:id="1">{_p(v)}</w:endnote>')},
        "comment": {**_body(""), "word/comments.xml": _part("w:comments", f'<w:comment w:id="0" w:author="Marius '
                                                                          f'Stan">{_p(v)}</w:comment>')},
        "comment author": {**_body(""), "word/comments.xml": _part("w:comments", f'<w:comment w:id="0" w:author='
                                                                                 f'"{v}">{_p("Ok")}</w:comment>')},
        "people": {**_body(""), "word/people.xml": _part("w15:people", f'<w15:person w15:author="{v}">'
                                                                       '<w15:presenceInfo w15:providerId="None" '
                                                                       f'w15:userId="{v}"/></w15:person>')},
        "deleted text": _body(f'<w:p><w:del w:id="2" w:author="Marius Stan"><w:r><w:delText>{v} stie.</w:delText>'
                              "</w:r></w:del></w:p>"),
        "inserted text": _body(f'<w:p><w:ins w:id="1" w:author="Marius Stan"><w:r><w:t>{v}</w:t></w:r></w:ins></w:p>'),
        "revision author": _body(f'<w:p><w:ins w:id="1" w:author="{v}"><w:r><w:t>Adaugat.</w:t></w:r></w:ins></w:p>'),
        "text box": _body(_shape('name="Text Box 1"', _p(v))),
        "alt text": _body(_shape(f'name="Picture 1" descr="{v} la mare" title="{v}"')),
        "field code": _body(f'<w:p><w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:{mail}" '
                            "</w:instrText></w:r></w:p>"),
        "simple field": _body(f'<w:p><w:fldSimple w:instr=" HYPERLINK &quot;mailto:{mail}&quot; ">'
                              "<w:r><w:t>scrie</w:t></w:r></w:fldSimple></w:p>"),
        "hyperlink target": {**_body(""), **_rels(f"mailto:{mail}")},
        "hyperlink tooltip": _body(f'<w:p><w:hyperlink r:id="rId9" w:tooltip="{v}"><w:r><w:t>aici</w:t></w:r>'
                                   "</w:hyperlink></w:p>"),
        "core properties": {**_body(""), **_core(f"<dc:creator>{v}</dc:creator><cp:lastModifiedBy>{v}"
                                                 f"</cp:lastModifiedBy><dc:title>Declaratia {v}</dc:title>")},
        "app properties": {**_body(""), **_app(f"<Company>{v} SRL</Company><Manager>{v}</Manager>")},
        "custom property value": {**_body(""), **_custom("Victima", v)},
        "custom property name": {**_body(""), **_custom(v, "da")},
        "glossary": {**_body(""), "word/glossary/document.xml": _part("w:glossaryDocument", f"<w:docParts>"
                                                                                            f"{_p(v)}</w:docParts>")},
        "document variable": {**_body(""), "word/settings.xml": _part("w:settings", f'<w:docVars><w:docVar w:name='
                                                                                    f'"victima" w:val="{v}"/>'
                                                                                    "</w:docVars><w:rsids><w:rsidRoot"
                                                                                    ' w:val="00A1B2C3"/></w:rsids>')},
        "content control data": {**_body(""), "customXml/item1.xml": f"{HEAD}<date><autor>{v}</autor></date>"},
    }


PLACES = [*sorted(_places("x", "x")), "embedded document"]


def zipped(parts: dict[str, str] | dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in {"[Content_Types].xml": TYPES, **parts}.items():
            book.writestr(name, data)
    return buffer.getvalue()


def build(place: str, value: str, mail: str) -> bytes:
    if place == "embedded document":
        return zipped({**_body(""), "word/embeddings/Document1.docx": build("body", value, mail)})
    return zipped(dict(_places(value, mail)[place]))


def everything(data: bytes) -> dict[str, str]:
    """Every part's text by name; an embedded zip's parts under "name/part"."""
    out: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for name in book.namelist():
            raw = book.read(name)
            if zipfile.is_zipfile(io.BytesIO(raw)):
                out.update({f"{name}/{inner}": text for inner, text in everything(raw).items()})
            else:
                out[name] = raw.decode("utf-8")
    return out
