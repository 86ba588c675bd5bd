// Process entry for scripts/duizhao.mjs: `main` stays importable (and testable) without side effects.
import { main } from "./main";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
