"use client";
import { useCallback, useEffect, useRef } from "react";

/**
 * While `active`, warns before the page is left: the browser's own prompt on reload, close
 * or an external link (beforeunload), and a confirm() before following an in-app link
 * (client-side navigation fires no beforeunload). `release()` lets a deliberate leave through.
 */
export function useUnsavedGuard(active: boolean, message: string) {
  const armed = useRef(active);
  const released = useRef(false);
  useEffect(() => {
    armed.current = active;
  }, [active]);

  useEffect(() => {
    const on = () => armed.current && !released.current;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!on()) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (!on() || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return; // a full page load: beforeunload asks
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [message]);

  return {
    release: useCallback(() => {
      released.current = true;
    }, []),
  };
}
