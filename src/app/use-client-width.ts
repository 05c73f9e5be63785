import { useCallback, useRef, useState } from "react";

/**
 * The inner width (CSS px, without its scrollbar) of the element the returned ref is set on, kept current as it is
 * resized (the window, the side panel, a scrollbar that comes or goes); undefined before the element is laid out or
 * where the browser has no ResizeObserver. A ref callback, so that an element drawn later (after an empty state) is
 * measured too.
 */
export function useClientWidth(): [number | undefined, (el: HTMLElement | null) => void] {
  const [width, setWidth] = useState<number | undefined>(undefined);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    setWidth(el.clientWidth || undefined);
    if (typeof ResizeObserver === "undefined") return;
    observer.current = new ResizeObserver(() => setWidth(el.clientWidth || undefined));
    observer.current.observe(el);
  }, []);
  return [width, ref];
}
