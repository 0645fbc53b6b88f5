# SPDX-License-Identifier: EUPL-1.2
"""Workbooks made by hand, part by part, with Python's zipfile: for what
no spreadsheet writer makes (hostile workbooks) and for small fuzz seeds.

    write(path, sheets, shared=None, styles=None, extra=(), date1904=False)

`sheets` is a list of (name, sheet_xml_body); `extra` more (name, bytes)
entries, written as they are (a bomb, a traversal name).
"""
import zipfile

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<Relationships xmlns="%s"><Relationship Id="rId1" '
             'Type="%sofficeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>' % (PKG, T))
STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="%s">'
          '<numFmts count="2"><numFmt numFmtId="164" '
          'formatCode="dd\\-mm\\-yyyy"/><numFmt numFmtId="165" '
          'formatCode="0000000"/></numFmts><cellXfs count="5">'
          '<xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/>'
          '<xf numFmtId="49"/><xf numFmtId="22"/></cellXfs></styleSheet>'
          % NS)


def sheet_xml(rows):
    """rows: list of lists of cell XML ('<c r="A1" t="s"><v>0</v></c>')."""
    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s">'
           '<sheetData>' % NS]
    for i, cells in enumerate(rows, start=1):
        out.append('<row r="%d">%s</row>' % (i, "".join(cells)))
    out.append("</sheetData></worksheet>")
    return "".join(out)


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def write(path, sheets, shared=None, styles=STYLES, extra=(),
          date1904=False, compression=zipfile.ZIP_DEFLATED):
    wb = ['<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" '
          'xmlns:r="%s">' % (NS, R)]
    if date1904:
        wb.append('<workbookPr date1904="1"/>')
    wb.append("<sheets>")
    rels = ['<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="%s">' % PKG]
    for i, (name, _) in enumerate(sheets, start=1):
        wb.append('<sheet name="%s" sheetId="%d" r:id="rId%d"/>'
                  % (name, i, i))
        rels.append('<Relationship Id="rId%d" Type="%sworksheet" '
                    'Target="worksheets/sheet%d.xml"/>' % (i, T, i))
    wb.append("</sheets></workbook>")
    n = len(sheets)
    if shared is not None:
        rels.append('<Relationship Id="rId%d" Type="%ssharedStrings" '
                    'Target="sharedStrings.xml"/>' % (n + 1, T))
    if styles is not None:
        rels.append('<Relationship Id="rId%d" Type="%sstyles" '
                    'Target="styles.xml"/>' % (n + 2, T))
    rels.append("</Relationships>")
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", "".join(wb))
        z.writestr("xl/_rels/workbook.xml.rels", "".join(rels))
        for i, (_, body) in enumerate(sheets, start=1):
            z.writestr("xl/worksheets/sheet%d.xml" % i, body)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        if styles is not None:
            z.writestr("xl/styles.xml", styles)
        for name, data in extra:
            z.writestr(name, data)


def shared_strings(texts):
    return ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s">%s</sst>'
            % (NS, "".join("<si><t>%s</t></si>" % t for t in texts)))
