// The same messages as the cart (see cart/layout.tsx).
export { default } from "../cart/layout";
