/**
 * A document being written by an import in slices (SQLite, lib/documents/document-repository.ts):
 * hidden from every list, page and search until its last slice commits — for everyone, the
 * importer included (whose page shows the import's progress instead).
 */
export const IMPORTING = "importing";

/** Prisma `where` for the documents people may see: every one but those still being imported. */
export const shownDocument = { status: { not: IMPORTING } } as const;

/** The same in SQL, for a query that joins "Document" as `alias`. */
export const shownDocumentSql = (alias: string) => `${alias}."status" <> '${IMPORTING}'`;
