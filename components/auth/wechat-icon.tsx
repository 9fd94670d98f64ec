/** WeChat's two speech bubbles, drawn for the sign-in button (decorative). */
export function WechatIcon({ className = "size-6" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden focusable="false" className={className} fill="currentColor">
      <path d="M12.2 5C6.6 5 2 8.8 2 13.5c0 2.7 1.5 5.1 3.9 6.7l-1 3 3.5-1.8c1.2.4 2.5.6 3.8.6h.6a8.2 8.2 0 0 1-.3-2.2c0-4.7 4.4-8.4 9.8-8.4h.6C22 7.7 17.6 5 12.2 5Zm-3.4 4.4a1.3 1.3 0 1 1 0 2.6 1.3 1.3 0 0 1 0-2.6Zm6.8 0a1.3 1.3 0 1 1 0 2.6 1.3 1.3 0 0 1 0-2.6Z" />
      <path d="M30 19.9c0-3.9-3.8-7-8.4-7s-8.4 3.1-8.4 7 3.8 7 8.4 7c1 0 1.9-.1 2.8-.4l2.8 1.5-.8-2.5c2.2-1.3 3.6-3.3 3.6-5.6Zm-11.2-1.1a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Zm5.6 0a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Z" />
    </svg>
  );
}
