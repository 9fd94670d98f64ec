// An unknown, pending or rejected store (its layout's notFound()), inside the storefront's
// document and in its locale.
export { NotFoundPage as default } from "@/components/shell/not-found-page";
