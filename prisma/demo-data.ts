/** Demo accounts for development. The passwords are published in the README: never use them in production. */
export const DEMO_USERS = [
  { email: "admin@duizhao.test", name: "Site Admin", password: "admin-demo-pass", isAdmin: true, projectRole: null },
  { email: "owner@duizhao.test", name: "Olivia Owner", password: "owner-demo-pass", isAdmin: false, projectRole: "owner" },
  { email: "translator@duizhao.test", name: "Tian Translator", password: "translator-demo-pass", isAdmin: false, projectRole: "translator" },
  { email: "reviewer@duizhao.test", name: "Rachel Reviewer", password: "reviewer-demo-pass", isAdmin: false, projectRole: "reviewer" },
] as const;

export const DEMO_PROJECT = {
  name: "Kunshan Hi-Tech Zone feature",
  description: "A Chinese newspaper feature on the Kunshan Hi-Tech Zone: headings, photo captions, a byline and paragraphs cut by the page layout.",
  articleFile: "kunshan-hi-tech-zone.zh.txt",
  articleTitle: "昆山高新区：凝聚奋进伟力开新局 踏上新征程再创辉煌",
  /** The complete, reviewed English of the article (also the QA and alignment reference in the tests). */
  referenceFile: "kunshan-hi-tech-zone.en.json",
  /** The project dictionary: the romanised names and brands of the reference translation. */
  dictionaryFile: "kunshan-hi-tech-zone.dictionary.txt",
  /** The second document: the same article translated, half reviewed. Not containing the first's title, so links to either are unambiguous. */
  translatedTitle: "昆山高新区：凝聚奋进伟力（英译，审校中）",
  translatedOrigin: "seed:translated",
} as const;
