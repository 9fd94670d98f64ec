"use client";
import { useTranslations } from "next-intl";
import { useRef } from "react";

export interface PickerUser {
  openid: string;
  nickname: string;
  headimgurl: string;
}

/** Who the tester is in WeChat: one of the sandbox users, or a new one with a nickname. */
export function WechatUserPicker({
  users,
  selected,
  nickname,
  error,
}: {
  users: PickerUser[];
  selected: string;
  nickname: string;
  error?: string;
}) {
  const t = useTranslations("sandbox");
  const newRadio = useRef<HTMLInputElement>(null);
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-sm text-neutral-500">{t("chooseUser")}</legend>
      <ul className="divide-y divide-neutral-100 overflow-hidden rounded-xl bg-white">
        {users.map((u) => (
          <li key={u.openid}>
            <label className="flex cursor-pointer items-center gap-3 px-4 py-3 has-[:checked]:bg-brand-50">
              <input
                type="radio"
                name="user"
                value={u.openid}
                defaultChecked={selected === u.openid}
                aria-label={u.nickname}
                aria-describedby={`openid-${u.openid}`}
                className="size-4 accent-brand-500"
              />
              {/* headimgurl is an absolute URL on the avatar host, not one of our media ids */}
              <img src={u.headimgurl} alt="" width={40} height={40} className="size-10 rounded-md bg-neutral-200" />
              <span className="min-w-0">
                <span className="block truncate text-[15px] text-neutral-900">{u.nickname}</span>
                <span id={`openid-${u.openid}`} className="block truncate font-mono text-xs text-neutral-600">
                  {u.openid}
                </span>
              </span>
            </label>
          </li>
        ))}
        <li>
          <div className="px-4 py-3 has-[:checked]:bg-brand-50">
            <label className="flex cursor-pointer items-center gap-3">
              <input ref={newRadio} type="radio" name="user" value="new" defaultChecked={selected === "new"} className="size-4 accent-brand-500" />
              <span className="text-[15px] text-neutral-900">{t("newUser")}</span>
            </label>
            <div className="mt-2 pl-7">
              <label htmlFor="sandbox-nickname" className="sr-only">
                {t("nickname")}
              </label>
              <input
                id="sandbox-nickname"
                name="nickname"
                defaultValue={nickname}
                maxLength={32}
                placeholder={t("nicknamePlaceholder")}
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "sandbox-nickname-error" : undefined}
                // Typing a nickname means "a new user".
                onFocus={() => {
                  if (newRadio.current) newRadio.current.checked = true;
                }}
                className="block w-full rounded-md border border-neutral-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500"
              />
              {error && (
                <p id="sandbox-nickname-error" role="alert" className="mt-1 text-xs text-red-600">
                  {error}
                </p>
              )}
            </div>
          </div>
        </li>
      </ul>
    </fieldset>
  );
}
