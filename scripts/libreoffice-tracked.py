#!/usr/bin/python3
"""LibreOffice, driven headless through Python-UNO, for the Word round-trip tests (issue 21).

  libreoffice-tracked.py read FILE.docx MODE OUT.json
      MODE accept | reject | asis: opens the file, runs LibreOffice's own
      .uno:AcceptAllTrackedChanges / .uno:RejectAllTrackedChanges (or nothing; accept and reject
      need a view, which the -nogui build cannot give a file with comments), and writes what
      LibreOffice then holds: every table's cells and every body paragraph's text, as JSON,
      plus the tracked changes LibreOffice sees (author, type) and the comments.
  libreoffice-tracked.py edit IN.docx OUT.docx OPS.json
      Edits IN as AUTHOR with Track Changes on (RecordChanges), as a reviewer would, and saves
      the result as Word 2007-365 (.docx). OPS: {"author": "...", "ops": [
        {"find": "text", "replace": "new text"}            tracked replacement
        {"find": "text", "replace": "...", "tracked": false} an edit with tracking off
        {"find": "text", "comment": "body"}                 a comment anchored on the text
      ]}; each "find" is the first occurrence, searched case-sensitively.

Runs its own soffice with a private profile and pipe, and ends it when done (exit status 0 on
success). Only /usr/bin/python3 (Debian's python3-uno) can import uno.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start_office():
    profile = tempfile.mkdtemp(prefix="duizhao-lo-")
    pipe = "duizhao%d" % os.getpid()
    # A fresh profile is set up by a first run that restarts soffice; a bridge made to that run
    # dies with it. Setting the profile up first avoids that.
    subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--terminate_after_init"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=False)
    proc = subprocess.Popen(
        ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--invisible", "--nologo",
         "--norestore", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise SystemExit("soffice did not start")
            time.sleep(0.3)
    return proc, profile, ctx


def stop_office(proc, profile, desktop):
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(profile, ignore_errors=True)


def set_author(ctx, name):
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    first, _, last = name.partition(" ")
    access.setPropertyValue("givenname", first)
    access.setPropertyValue("sn", last)
    access.commitChanges()


def load(desktop, path):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise SystemExit("LibreOffice could not open " + path)
    return doc


def load_model(ctx, path):
    """The document without a view (as --convert-to loads it): edits, comments and reading work."""
    doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
    doc.load((prop("URL", uno.systemPathToFileUrl(os.path.abspath(path))), prop("FilterName", "MS Word 2007 XML")))
    return doc


def dispatch(ctx, doc, command):
    helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    helper.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())


def snapshot(doc):
    tables = []
    for i in range(doc.getTextTables().getCount()):
        table = doc.getTextTables().getByIndex(i)
        rows = []
        for r in range(table.getRows().getCount()):
            row = []
            for c in range(table.getColumns().getCount()):
                cell = table.getCellByPosition(c, r)
                row.append(cell.getString() if cell is not None else "")
            rows.append(row)
        tables.append(rows)
    paragraphs = []
    enum = doc.getText().createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            paragraphs.append(element.getString())
    changes = []
    redlines = doc.getRedlines()
    for i in range(redlines.getCount()):
        r = redlines.getByIndex(i)
        changes.append({"author": r.getPropertyValue("RedlineAuthor"), "type": r.getPropertyValue("RedlineType")})
    comments = []
    fields = doc.getTextFields().createEnumeration()
    while fields.hasMoreElements():
        f = fields.nextElement()
        if f.supportsService("com.sun.star.text.textfield.Annotation"):
            comments.append({"author": f.getPropertyValue("Author"), "content": f.getPropertyValue("Content")})
    return {"tables": tables, "paragraphs": paragraphs, "changes": changes, "comments": comments}


def texts(doc):
    """Every table cell's text, then the body's (search without a view does not enter tables)."""
    for i in range(doc.getTextTables().getCount()):
        table = doc.getTextTables().getByIndex(i)
        for name in table.getCellNames():
            yield table.getCellByName(name)
    yield doc.getText()


def find(doc, needle):
    for text in texts(doc):
        at = text.getString().find(needle)
        if at < 0:
            continue
        cursor = text.createTextCursor()
        cursor.gotoStart(False)
        # Paragraph breaks count as one step, as "\n" does in getString().
        cursor.goRight(len(text.getString()[:at].encode("utf-16-le")) // 2, False)
        cursor.goRight(len(needle.encode("utf-16-le")) // 2, True)
        return cursor
    raise SystemExit("not found in the document: %r" % needle)


def edit(ctx, doc, spec):
    for op in spec["ops"]:
        found = find(doc, op["find"])
        if "comment" in op:
            note = doc.createInstance("com.sun.star.text.textfield.Annotation")
            note.setPropertyValue("Author", spec["author"])
            note.setPropertyValue("Content", op["comment"])
            found.getText().insertTextContent(found, note, True)
            continue
        doc.setPropertyValue("RecordChanges", op.get("tracked", True))
        found.setString(op["replace"])
    doc.setPropertyValue("RecordChanges", True)


def main(argv):
    command = argv[1]
    proc, profile, ctx = start_office()
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    try:
        if command == "read":
            doc = load_model(ctx, argv[2])
            if argv[3] in ("accept", "reject"):
                # Accept/Reject All are commands of a view, and a view that draws a comment aborts
                # the -nogui build (its comment sidebar's dialog files are not packaged): such a
                # file is refused here rather than crashing.
                if snapshot(doc)["comments"]:
                    raise SystemExit("accept/reject: the file has comments, which this LibreOffice build cannot show")
                doc.close(True)
                doc = load(desktop, argv[2])
                dispatch(ctx, doc, ".uno:AcceptAllTrackedChanges" if argv[3] == "accept" else ".uno:RejectAllTrackedChanges")
            with open(argv[4], "w", encoding="utf-8") as out:
                json.dump(snapshot(doc), out, ensure_ascii=False)
            doc.close(True)
        elif command == "edit":
            with open(argv[4], encoding="utf-8") as f:
                spec = json.load(f)
            set_author(ctx, spec["author"])
            doc = load_model(ctx, argv[2])
            edit(ctx, doc, spec)
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(argv[3])), (prop("FilterName", "MS Word 2007 XML"),))
            doc.close(True)
        else:
            raise SystemExit("unknown command " + command)
    finally:
        stop_office(proc, profile, desktop)


if __name__ == "__main__":
    main(sys.argv)
