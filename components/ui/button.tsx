import Link from "next/link";
import type { ComponentProps } from "react";

const variants = {
  primary: "bg-brand-500 text-white hover:bg-brand-600 disabled:bg-brand-500/50",
  secondary: "bg-white text-neutral-800 ring-1 ring-neutral-300 hover:bg-neutral-50 disabled:text-neutral-400",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/50",
  ghost: "text-neutral-700 hover:bg-neutral-100 disabled:text-neutral-400",
} as const;
const sizes = { sm: "h-8 px-3 text-sm", md: "h-10 px-4 text-sm", lg: "h-12 px-6 text-base" } as const;

export type ButtonStyle = { variant?: keyof typeof variants; size?: keyof typeof sizes; block?: boolean };

export function buttonClass({ variant = "primary", size = "md", block = false }: ButtonStyle = {}) {
  return `inline-flex items-center justify-center gap-2 rounded-lg font-medium transition-colors disabled:cursor-not-allowed ${variants[variant]} ${sizes[size]} ${block ? "w-full" : ""}`;
}

export function Button({ variant, size, block, className = "", type = "button", ...props }: ComponentProps<"button"> & ButtonStyle) {
  return <button type={type} className={`${buttonClass({ variant, size, block })} ${className}`} {...props} />;
}

export function ButtonLink({ variant, size, block, className = "", ...props }: ComponentProps<typeof Link> & ButtonStyle) {
  return <Link className={`${buttonClass({ variant, size, block })} ${className}`} {...props} />;
}
