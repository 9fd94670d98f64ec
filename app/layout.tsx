import type { Viewport } from "next";
import "./globals.css";

export const viewport: Viewport = { width: "device-width", initialScale: 1, viewportFit: "cover", themeColor: "#05803c" };

// Each surface's layout renders the document (components/shell/root-document.tsx): the
// storefront takes its locale from its URL, the rest from the request.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
