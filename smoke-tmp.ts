import fs from "node:fs";
import { unpackZipSafely, ZIP_FORMATS } from "@/lib/exchange/zip";
import { readTrackedDocx } from "@/lib/exchange/tracked/docx-tracked-reader";
import { acceptAll, rejectAll } from "@/lib/exchange/tracked/tracked-text";
(async () => {
  for (const f of process.argv.slice(2)) {
    const t = readTrackedDocx(await unpackZipSafely(fs.readFileSync(f), ZIP_FORMATS.docx));
    console.log(f, t?.layout, JSON.stringify(t?.units.map((u) => [u.segmentRef, u.version, acceptAll(u.atoms), rejectAll(u.atoms), u.atoms, u.commentIds])), JSON.stringify(t?.changes), JSON.stringify(t?.comments));
  }
})();
