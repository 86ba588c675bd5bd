// Generated from the OpenAPI description of /api/v1 by `npx tsx scripts/generate-api-types.ts`. Do not edit.
export interface paths {
    "/comments/{commentId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve a comment or issue (or reopen it with resolved: false) */
        post: operations["resolveComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One document with its progress (segment counts by status) */
        get: operations["getDocument"];
        put?: never;
        post?: never;
        /** Delete a document with its segments, history, comments and versions (owners) */
        delete: operations["deleteDocument"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Export the document in any format the export dialog offers (the file, streamed)
         * @description Records the export as the export button does (a version is frozen when the document changed since its last one), then answers with the file. Owners only, as in the app.
         */
        post: operations["exportDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/qa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The QA panel's findings for the whole document (checks, the project's glossary, consistency)
         * @description Segments never translated are not checked, and findings a reviewer ignored are left out, as in the QA panel. Spelling is not checked here (its dictionaries are the reader's: the editor and local `duizhao qa` check it).
         */
        get: operations["documentQa"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The document's segments in order, a page at a time (keyset cursor) */
        get: operations["listSegments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The document's frozen versions, newest first (made by hand, by exports and by sign-off) */
        get: operations["listVersions"];
        put?: never;
        /** Freeze the document as it is now under a name */
        post: operations["createVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/versions/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What changed between two versions (or a version and now), segment by segment */
        get: operations["compareVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling user, with the token's scopes and project restriction */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Projects the caller belongs to (every project for a site admin; only its project for a restricted token) */
        get: operations["listProjects"];
        put?: never;
        /** Create a project owned by the caller (site admins and people who already own a project) */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One project with progress */
        get: operations["getProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's documents with progress, newest first */
        get: operations["listDocuments"];
        put?: never;
        /**
         * Create a document from Chinese text
         * @description The text is analysed as on the import page (headings, bylines, captions; paragraphs a page break cut in two are proposed as joins) and `joins` decides which joins are applied.
         */
        post: operations["createDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/documents/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a document from an uploaded file
         * @description A text or Markdown file in any encoding the import page reads (UTF-8, UTF-16, GB18030), or a bilingual file (XLIFF, TMX, CSV, XLSX) whose translations and statuses are kept.
         */
        post: operations["uploadDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/glossary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's glossary */
        get: operations["listTerms"];
        put?: never;
        /** Add a term (owners and reviewers) */
        post: operations["createTerm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/glossary/{termId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a term */
        put: operations["updateTerm"];
        post?: never;
        /** Delete a term */
        delete: operations["deleteTerm"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/glossary/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The glossary as CSV (source, target, note, forbidden) or TBX, streamed */
        get: operations["exportGlossary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/glossary/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a CSV or TBX glossary (.tbx/.xml is read as TBX); pairs already there are kept */
        post: operations["importGlossary"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's members and their roles */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/memory/concordance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Concordance search: where a word or phrase occurs in the project's documents and memories */
        get: operations["concordance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/memory/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's translation memory as TMX 1.4b (owners) */
        get: operations["exportMemory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/memory/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a TMX file into the project's memory (owners); pairs already there are skipped */
        post: operations["importMemory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{projectId}/memory/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The best translation-memory matches for a Chinese text (the editor's suggestions) */
        get: operations["lookupMemory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/segments/{segmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One segment */
        get: operations["getSegment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/segments/{segmentId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve the segment (reviewers and owners; with two review stages the first approval makes it reviewed) */
        post: operations["approveSegment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/segments/{segmentId}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The segment's comment thread, oldest first */
        get: operations["listComments"];
        put?: never;
        /** Add a comment (or an issue, or a reply) to the segment's thread */
        post: operations["addComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/segments/{segmentId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the segment's current text (status translated) */
        post: operations["confirmSegment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/segments/{segmentId}/request-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the segment back to its translator with a comment */
        post: operations["requestChanges"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/segments/{segmentId}/target": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Save the English text (the editor's version check: 409 with the current text when someone saved first)
         * @description Name the version the text is based on with `baseVersion` or with `If-Match: <the segment's ETag>`. On a conflict nothing is saved and `details.current` holds the segment as it is now.
         */
        put: operations["updateTarget"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Comment: {
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            authorId: string | null;
            /** @description null: the account is gone. */
            authorName: string | null;
            /** @description Markdown; @Name mentions notify members. */
            body: string;
            /**
             * @description ISO 8601 date and time (UTC).
             * @example 2026-12-01T09:30:00.000Z
             */
            createdAt: string;
            edited: boolean;
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            id: string;
            /** @description An open issue blocks approval until resolved. */
            isIssue: boolean;
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            parentId: string | null;
            /**
             * @description ISO 8601 date and time (UTC).
             * @example 2026-12-01T09:30:00.000Z
             */
            resolvedAt: string | null;
            resolvedByName: string | null;
        };
        Document: {
            /**
             * @description ISO 8601 date and time (UTC).
             * @example 2026-12-01T09:30:00.000Z
             */
            createdAt: string;
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            id: string;
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            projectId: string;
            segmentCount: number;
            /**
             * @description approved: signed off.
             * @enum {string}
             */
            status: "in_progress" | "approved";
            statusCounts: components["schemas"]["StatusCounts"];
            title: string;
            /**
             * @description ISO 8601 date and time (UTC).
             * @example 2026-12-01T09:30:00.000Z
             */
            updatedAt: string;
        };
        DocumentSummary: {
            /**
             * @description ISO 8601 date and time (UTC).
             * @example 2026-12-01T09:30:00.000Z
             */
            createdAt: string;
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            id: string;
            segmentCount: number;
            /**
             * @description approved: signed off.
             * @enum {string}
             */
            status: "in_progress" | "approved";
            statusCounts: components["schemas"]["StatusCounts"];
            title: string;
        };
        Error: {
            error: {
                /**
                 * @description Stable machine-readable code (kebab-case), never renamed once shipped.
                 * @example not-found
                 */
                code: string;
                details?: {
                    [key: string]: unknown;
                };
                /** @description A sentence for people, in the caller's language (Accept-Language or the account's setting). */
                message: string;
            };
        };
        ExportRequest: {
            /**
             * @description Include comments (formats that carry them).
             * @default true
             */
            comments?: boolean;
            /** @enum {string} */
            format: "docx-review" | "docx-target" | "xliff-1.2" | "xliff-2.0" | "tmx" | "csv" | "xlsx" | "html" | "txt" | "md";
            /**
             * @default all
             * @enum {string}
             */
            scope?: "all" | "approved";
        };
        /**
         * @description Which proposed paragraph joins to apply: all (default, as `duizhao import`), none, or the ids the analysis proposed.
         * @default all
         */
        JoinDecision: ("all" | "none") | number[];
        Member: {
            email: string;
            /**
             * @description ISO 8601 date and time (UTC).
             * @example 2026-12-01T09:30:00.000Z
             */
            joinedAt: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "reviewer" | "translator" | "viewer";
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            userId: string;
        };
        MemoryMatch: {
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            id: string;
            origin: string;
            /** @description Similarity, 0–100 (100: the same text). */
            score: number;
            shared: boolean;
            source: string;
            target: string;
        };
        NewComment: {
            body: string;
            /** @default false */
            isIssue?: boolean;
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            parentId?: string | null;
        };
        NewDocumentFromText: {
            /**
             * @default text
             * @enum {string}
             */
            format?: "text" | "markdown";
            joins?: components["schemas"]["JoinDecision"];
            text: string;
            title?: string;
        };
        NewProject: {
            description?: string;
            fourEyes?: boolean;
            name: string;
            qualityThreshold?: number;
            reviewStages: 1 | 2;
        };
        Project: {
            description: string;
            documentCount: number;
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            id: string;
            name: string;
            /** @description The caller's role in the project (site admins: owner). */
            role: string;
            segmentCount: number;
            sourceLang: string;
            statusCounts: components["schemas"]["StatusCounts"];
            targetLang: string;
        };
        QaFinding: {
            /** @enum {string} */
            check: "empty" | "untranslated" | "source-copied" | "number-mismatch" | "punctuation" | "brackets" | "double-space" | "whitespace" | "repeated-word" | "capitalization" | "length" | "url" | "term" | "inconsistent" | "spelling";
            /** @description The finding's kind within its check (stable; the interface's catalog key). */
            code: string;
            /** @description The finding in English; with check and segment, what an ignore names. */
            message: string;
            /** @enum {string} */
            severity: "error" | "warning";
        };
        SavedSegment: {
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            id: string;
            status: components["schemas"]["SegmentStatus"];
            target: string;
            version: number;
        };
        Segment: {
            comments: number;
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            id: string;
            kind: components["schemas"]["SegmentKind"];
            machineTranslated: boolean;
            openIssues: number;
            /** @description Order in the document; the cursor for `after`. */
            position: number;
            source: string;
            status: components["schemas"]["SegmentStatus"];
            target: string;
            truncated: boolean;
            /** @description Incremented by every save and status change; send it back as baseVersion (or If-Match). */
            version: number;
        };
        /** @enum {string} */
        SegmentKind: "heading" | "paragraph" | "caption" | "byline";
        SegmentPage: {
            /** @description Pass as `after` for the next page; null at the end. */
            next: number | null;
            segments: components["schemas"]["Segment"][];
        };
        /** @enum {string} */
        SegmentStatus: "untranslated" | "draft" | "translated" | "reviewed" | "approved" | "changes_requested";
        StatusCounts: {
            approved?: number;
            changes_requested?: number;
            draft?: number;
            reviewed?: number;
            translated?: number;
            untranslated?: number;
        };
        TargetUpdate: {
            /** @description The version the text was based on; or send If-Match with the segment's ETag. One of the two is required. */
            baseVersion?: number;
            /**
             * @description Also confirm the segment (status translated).
             * @default false
             */
            confirm?: boolean;
            target: string;
        };
        Term: {
            forbidden: boolean;
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            id: string;
            note: string;
            source: string;
            target: string;
        };
        TermInput: {
            /**
             * @description The target is an English word that must not be used.
             * @default false
             */
            forbidden?: boolean;
            /** @default  */
            note?: string;
            /** @description The Chinese term; empty for a forbidden English word that applies everywhere. */
            source: string;
            target: string;
        };
        Version: {
            authorName: string | null;
            /**
             * @description ISO 8601 date and time (UTC).
             * @example 2026-12-01T09:30:00.000Z
             */
            createdAt: string;
            /**
             * @description An opaque id (cuid).
             * @example cmabc123def456
             */
            id: string;
            label: string;
            /** @enum {string} */
            reason: "manual" | "signoff" | "export";
            segments: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    resolveComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                commentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    resolved?: boolean;
                };
            };
        };
        responses: {
            /** @description The thread as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        comments: components["schemas"]["Comment"][];
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                documentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document. */
            200: {
                headers: {
                    /** @description Weak ETag of this representation; send it as If-None-Match (304) or, on a segment, If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        document: components["schemas"]["Document"];
                    };
                };
            };
            /** @description Not modified: If-None-Match names the current ETag. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                documentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                documentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExportRequest"];
            };
        };
        responses: {
            /** @description The file; `X-Segment-Count` says how many segments it holds. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                    "application/x-tmx+xml; charset=utf-8": string;
                    "application/xliff+xml; charset=utf-8": string;
                    "text/csv; charset=utf-8": string;
                    "text/html; charset=utf-8": string;
                    "text/markdown; charset=utf-8": string;
                    "text/plain; charset=utf-8": string;
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    documentQa: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                documentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Each checked segment in document order with its findings (an empty list when it has none). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            findings: components["schemas"]["QaFinding"][];
                            /**
                             * @description An opaque id (cuid).
                             * @example cmabc123def456
                             */
                            id: string;
                            /** @description The segment's place in the document, from 0. */
                            index: number;
                            position: number;
                        }[];
                        /** @description Segments in the document. */
                        segments: number;
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSegments: {
        parameters: {
            query?: {
                /** @description Segments after this position (the previous page's `next`); from the start when left out. */
                after?: number | null;
                /** @description Comma-separated, or the parameter repeated. */
                kind?: components["schemas"]["SegmentKind"][];
                /** @description At most this many (1–500, default 100). */
                limit?: number;
                /** @description Comma-separated, or the parameter repeated. */
                status?: components["schemas"]["SegmentStatus"][];
            };
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                documentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of segments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentPage"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                documentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The versions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        versions: components["schemas"]["Version"][];
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                documentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    label: string;
                };
            };
        };
        responses: {
            /** @description Frozen. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: {
                            /**
                             * @description An opaque id (cuid).
                             * @example cmabc123def456
                             */
                            id: string;
                        };
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    compareVersions: {
        parameters: {
            query: {
                /** @description A version id, or now. */
                from: string;
                /** @description A version id, or now (default). */
                to?: string;
            };
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                documentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comparison: the two sides' names, a summary by kind of change, and the changes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        comparison: {
                            changes: ({
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            summary: {
                                [key: string]: number;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Null for a browser session. */
                        token: {
                            id: string;
                            projectId: string | null;
                            scopes: ("read" | "write" | "review" | "admin")[];
                        } | null;
                        user: {
                            email: string;
                            id: string;
                            isAdmin: boolean;
                            name: string;
                        };
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProjects: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The projects, with progress. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        projects: components["schemas"]["Project"][];
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewProject"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        project: {
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        project: components["schemas"]["Project"];
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDocuments: {
        parameters: {
            query?: {
                /** @description Part of the title. */
                q?: string;
                /** @description approved: signed off. */
                status?: "in_progress" | "approved";
            };
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The documents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        documents: components["schemas"]["DocumentSummary"][];
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewDocumentFromText"];
            };
        };
        responses: {
            /** @description Created: the document with its progress. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        document: components["schemas"]["Document"];
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The upload or text is larger than the server accepts. Or: A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The file.
                     */
                    file: string;
                    /**
                     * @description all (default), none, or a JSON array of join ids.
                     * @default all
                     */
                    joins?: ("all" | "none") | number[];
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Created: the document with its progress. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        document: components["schemas"]["Document"];
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The upload or text is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTerms: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every term, by source. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        terms: components["schemas"]["Term"][];
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createTerm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TermInput"];
            };
        };
        responses: {
            /** @description Added. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        term: components["schemas"]["Term"];
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateTerm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
                /** @description An opaque id (cuid). */
                termId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TermInput"];
            };
        };
        responses: {
            /** @description Changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        term: components["schemas"]["Term"];
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteTerm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
                /** @description An opaque id (cuid). */
                termId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportGlossary: {
        parameters: {
            query?: {
                format?: "csv" | "tbx";
            };
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-tbx+xml; charset=utf-8": string;
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importGlossary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The file.
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Imported: how many were added, and how many were already there. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        added: number;
                        skipped: number;
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The upload or text is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Members, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        members: components["schemas"]["Member"][];
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    concordance: {
        parameters: {
            query: {
                /** @description The previous page's nextCursor. */
                cursor?: string;
                limit?: number;
                q: string;
                side?: "source" | "target" | "both";
            };
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of occurrences. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        nextCursor: string | null;
                        results: ({
                            source: string;
                            target: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportMemory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The TMX file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-tmx+xml; charset=utf-8": string;
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importMemory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The file.
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Imported: how many were added, and how many were already there. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        added: number;
                        skipped: number;
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The upload or text is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    lookupMemory: {
        parameters: {
            query: {
                limit?: number;
                source: string;
            };
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Matches, best first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        matches: components["schemas"]["MemoryMatch"][];
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSegment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                segmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The segment. */
            200: {
                headers: {
                    /** @description Weak ETag of this representation; send it as If-None-Match (304) or, on a segment, If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        segment: components["schemas"]["Segment"];
                    };
                };
            };
            /** @description Not modified: If-None-Match names the current ETag. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    approveSegment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                segmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Refuse (409) when the segment changed since this version. */
                    version?: number;
                };
            };
        };
        responses: {
            /** @description The segment's new status and version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        segment: components["schemas"]["SavedSegment"];
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listComments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                segmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The thread. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        comments: components["schemas"]["Comment"][];
                    };
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                segmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewComment"];
            };
        };
        responses: {
            /** @description Added: the thread as it is now. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        comments: components["schemas"]["Comment"][];
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirmSegment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                segmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Refuse (409) when the segment changed since this version. */
                    version?: number;
                };
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: boolean;
                        segment: components["schemas"]["SavedSegment"];
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestChanges: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                segmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment: string;
                    /** @description MQM-style error tag. */
                    error?: {
                        /** @enum {string} */
                        category: "accuracy" | "fluency" | "terminology" | "style" | "locale";
                        /** @enum {string} */
                        severity: "minor" | "major" | "critical";
                    };
                    version?: number;
                };
            };
        };
        responses: {
            /** @description The segment's new status and version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        segment: components["schemas"]["SavedSegment"];
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An opaque id (cuid). */
                segmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TargetUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: boolean;
                        segment: components["schemas"]["SavedSegment"];
                    };
                };
            };
            /** @description Malformed request body (not JSON, or not a form upload). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: a Bearer token, or a signed-in browser session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but the token lacks the scope or the person's role does not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not visible to the caller (not a member; another project than the token's). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match does not name this segment's ETag. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A list in the JSON body has more than 100,000 items (code `list-too-long`; the message gives the count and the limit). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request does not match the schema (details.issues), or the text is not valid. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests: wait Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
