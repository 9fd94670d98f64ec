// Widths stored for every uploaded image (never upscaled: an image narrower than a
// width gets that variant at its own width).
export const VARIANT_WIDTHS = [160, 320, 640, 960, 1600] as const;
export type VariantWidth = (typeof VARIANT_WIDTHS)[number];

export function variantFor(width: number): VariantWidth {
  return VARIANT_WIDTHS.find((w) => w >= width) ?? VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1];
}

export function isVariantWidth(n: number): n is VariantWidth {
  return (VARIANT_WIDTHS as readonly number[]).includes(n);
}

export function mediaSrc(imageId: string) {
  return `/media/${imageId}`;
}
