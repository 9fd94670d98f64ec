import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import compile from "icu-minify/compile";
import format from "icu-minify/format";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { locales, type Locale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";

// The build compiles every message ahead of time (next.config.ts: next-intl's precompile) and
// formats them without the ICU parser; tests and the dev server use the parser. Both must
// say the same thing: each message is formatted both ways with values covering each of its
// branches (every select option, plural categories and exact matches, numbers, tags).

type Values = Record<string, string | number | ((chunks: unknown[]) => string)>;

function flatten(obj: Record<string, unknown>, prefix = ""): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}

/** Each argument's kind and the values worth trying for it. */
function argumentsOf(elements: MessageFormatElement[], out = new Map<string, { kind: "text" | "number" | "tag"; tries: (string | number)[] }>()) {
  const note = (name: string, kind: "text" | "number" | "tag", tries: (string | number)[]) => {
    const had = out.get(name);
    // A number wins over text: {n} beside {n, plural, …} is still given a number.
    if (!had || (had.kind === "text" && kind === "number")) out.set(name, { kind, tries });
    else had.tries.push(...tries.filter((t) => !had.tries.includes(t)));
  };
  for (const el of elements) {
    if (el.type === TYPE.argument) note(el.value, "text", ["Ada"]);
    else if (el.type === TYPE.number) note(el.value, "number", [0, 1, 1234.5]);
    else if (el.type === TYPE.select) note(el.value, "text", Object.keys(el.options).concat("something-else"));
    else if (el.type === TYPE.plural) {
      const exact = Object.keys(el.options).filter((k) => k.startsWith("=")).map((k) => Number(k.slice(1)));
      note(el.value, "number", [...new Set([0, 1, 2, 7, 21, ...exact])]);
    } else if (el.type === TYPE.tag) note(el.value, "tag", []);
    if (el.type === TYPE.select || el.type === TYPE.plural) for (const o of Object.values(el.options)) argumentsOf(o.value, out);
    if (el.type === TYPE.tag) argumentsOf(el.children, out);
  }
  return out;
}

/** One value set per tried value of each argument, the others at their first value. */
function valueSets(message: string): Values[] {
  const args = argumentsOf(parse(message));
  const base: Values = {};
  for (const [name, a] of args) base[name] = a.kind === "tag" ? (chunks) => `<${name}>${chunks.join("")}</${name}>` : a.tries[0];
  const sets = [base];
  for (const [name, a] of args) for (const v of a.tries.slice(1)) sets.push({ ...base, [name]: v });
  return sets;
}

const formatters = {
  getDateTimeFormat: (...a: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...a),
  getNumberFormat: (...a: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...a),
  getPluralRules: (...a: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...a),
};
const asText = (out: unknown) => (Array.isArray(out) ? out.join("") : String(out));

describe.each(locales.map((l) => [l] as [Locale]))("messages in %s", (locale) => {
  const messages = messagesFor(locale) as Record<string, unknown>;
  const entries = flatten(messages);
  const t = createTranslator({ locale, messages: messages as never, timeZone: "Asia/Shanghai" }) as unknown as {
    (key: string, values?: Values): string;
    markup(key: string, values?: Values): string;
  };

  it("are all strings, which is all the build's compiler takes", () => {
    expect(entries.filter(([, v]) => typeof v !== "string").map(([k]) => k)).toEqual([]);
  });

  it("format the same once compiled as through the ICU parser, in every branch", () => {
    let checked = 0;
    for (const [key, message] of entries as [string, string][]) {
      const compiled = compile(message);
      for (const values of valueSets(message)) {
        const hasTag = Object.values(values).some((v) => typeof v === "function");
        const viaParser = hasTag ? t.markup(key, values) : t(key, values);
        const viaCompiled = asText(format(compiled, locale, values as never, { formatters, timeZone: "Asia/Shanghai" }));
        expect(viaCompiled, `${key} with ${JSON.stringify(values)}`).toBe(viaParser);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(entries.length);
  });
});

describe("the comparison itself", () => {
  it("finds every branch of a plural inside a select", () => {
    const sets = valueSets("{who, select, BUYER {{n, plural, =0 {none} one {# item} other {# items}}} other {{name}}}");
    expect(sets.map((s) => s.who)).toEqual(expect.arrayContaining(["BUYER", "other", "something-else"]));
    expect(sets.map((s) => s.n)).toEqual(expect.arrayContaining([0, 1, 2, 7]));
    expect(sets[0].name).toBe("Ada");
  });

  it("tells a compiled message that formats differently apart", () => {
    const values = { n: 1 };
    const right = asText(format(compile("{n, plural, one {# item} other {# items}}"), "en", values, { formatters }));
    const wrong = asText(format(compile("{n, plural, one {# items} other {# items}}"), "en", values, { formatters }));
    expect(right).toBe("1 item");
    expect(wrong).not.toBe(right);
  });
});
