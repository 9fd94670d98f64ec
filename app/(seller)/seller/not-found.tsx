// notFound() in this surface's pages, inside its document (its layout renders <html>).
export { NotFoundPage as default } from "@/components/shell/not-found-page";
