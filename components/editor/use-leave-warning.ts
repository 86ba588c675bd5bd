import { useEffect } from "react";

/** Warns before leaving the page while `unsaved` (something typed is not yet on the server). */
export function useLeaveWarning(unsaved: boolean) {
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (unsaved) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);
}
