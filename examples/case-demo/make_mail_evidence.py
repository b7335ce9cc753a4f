"""Writes the demo's e-mail and Word evidence (invented people of roster.yaml), the same
bytes on every run:

    python examples/case-demo/make_mail_evidence.py

- evidence/recruiter_email.eml: the suspect's offer to the victim, plain and HTML, with
  the "contract" as a Word attachment (read and redacted by the Word format inside it);
- evidence/victim_statement.docx: the victim's statement with a table, a header, a
  comment by the witness, a tracked deletion and document properties.
"""

from __future__ import annotations

import email.policy
import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

HERE = Path(__file__).parent
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
TYPES = HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _docx(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in {"[Content_Types].xml": TYPES, "_rels/.rels": ROOT_RELS, **parts}.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 14, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            book.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def contract() -> bytes:
    body = "".join([
        _p("Contract de munca."),
        _p("Angajator: Marius Stan (Bossu), telefon +40 766 987 654."),
        _p("Angajata: Ioana Popescu, nascuta la 12.04.2001, telefon +40 723 456 789."),
        _p("Datoria pentru transport si cazare se plateste in contul GB82WEST12345698765432."),
    ])
    return _docx({"word/document.xml": f"{HEAD}<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"})


def statement() -> bytes:
    body = "".join([
        _p("DECLARATIE"),
        '<w:p><w:r><w:t xml:space="preserve">Subsemnata </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
        '<w:t>Ioana Popescu</w:t></w:r><w:r><w:t xml:space="preserve">, domiciliata in Strada Lipscani 12, '
        "Bucuresti, declar ca Marius Stan m-a dus la Slough, unde Adrian Vlad ne pazea.</w:t></w:r></w:p>",
        "<w:tbl><w:tr><w:tc>" + _p("Martor") + "</w:tc><w:tc>" + _p("Mihai Georgescu, +40 731 222 333")
        + "</w:tc></w:tr><w:tr><w:tc>" + _p("Alta victima") + "</w:tc><w:tc>" + _p("Elena Dumitru")
        + "</w:tc></w:tr></w:tbl>",
        '<w:p><w:del w:id="1" w:author="Ioana Popescu" w:date="2026-03-14T09:00:00Z"><w:r>'
        "<w:delText>Telefonul meu vechi era +40 723 456 789.</w:delText></w:r></w:del></w:p>",
        _p("Am trimis banii lui Marius Stan, in contul GB82WEST12345698765432."),
    ])
    comments = (f'{HEAD}<w:comments {W}><w:comment w:id="0" w:author="Mihai Georgescu" w:initials="MG">'
                + _p("Verificati si numarul lui Elena Dumitru: +40 745 111 222.") + "</w:comment></w:comments>")
    core = (f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Declaratie Ioana Popescu'
            "</dc:title><dc:creator>Andreea Marin</dc:creator><cp:lastModifiedBy>Ioana Popescu</cp:lastModifiedBy>"
            "</cp:coreProperties>")
    return _docx({
        "word/document.xml": f"{HEAD}<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>",
        "word/header1.xml": f"{HEAD}<w:hdr {W}>{_p('Dosar HT-2026-0147, declaratia victimei Ioana Popescu')}</w:hdr>",
        "word/comments.xml": comments,
        "docProps/core.xml": core,
    })


def recruiter_email() -> bytes:
    message = EmailMessage()
    message["From"] = "Marius Stan <marius.stan@example.org>"
    message["To"] = "Ioana Popescu <ioana.p@example.com>"
    message["Reply-To"] = "Bossu <marius.stan@example.org>"
    message["Subject"] = "Contractul pentru Ioana"
    message["Date"] = "Thu, 05 Feb 2026 18:22:00 +0200"
    message["Message-ID"] = "<20260205182200.4711@example.org>"
    message.set_content(
        "Ti-am atasat contractul, Ionela. Pleci cu Adrian Vlad pe 20 februarie.\n"
        "Suna-ma la +40 766 987 654. Ia si pasaportul (054123987).\n\nMarius\n"
    )
    message.add_alternative(
        "<html><body><p>Ti-am atasat contractul, <b>Ionela</b>. Pleci cu Adrian Vlad pe 20 februarie."
        '</p><p>Scrie-mi: <a href="mailto:marius.stan@example.org" title="Marius Stan">marius.stan@example.org'
        "</a></p></body></html>",
        subtype="html",
    )
    message.add_attachment(contract(), maintype="application", subtype=DOCX_TYPE.split("/")[1],
                           filename="contract.docx")
    for number, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_demo_boundary_{number}")  # fixed, so the file is the same on every run
    return message.as_bytes(policy=email.policy.SMTP)


if __name__ == "__main__":
    (HERE / "evidence" / "recruiter_email.eml").write_bytes(recruiter_email())
    (HERE / "evidence" / "victim_statement.docx").write_bytes(statement())
