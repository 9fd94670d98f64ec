// The admin's settle form is checked in the browser before the confirmation is asked (an
// empty reason used to open "Settle this complaint?" first and be refused only after), with
// the rules the action applies again on the server.
import { describe, expect, it } from "vitest";
import { settleFormInput, settleFormProblems } from "@/lib/protection/schemas";

describe("settleFormProblems", () => {
  it("finds an empty or short reason before anything is asked", () => {
    expect(settleFormProblems({ outcome: "REJECTED", amount: "", reason: "" })).toEqual({ reason: ["decisionReasonRequired"] });
    expect(settleFormProblems({ outcome: "FULL_REFUND", amount: "", reason: " 好 " })).toEqual({ reason: ["decisionReasonRequired"] });
  });

  it("asks for a decision, and an amount for a partial refund", () => {
    expect(settleFormProblems({ outcome: "", amount: "", reason: "核实少发一件" })).toEqual({ outcome: ["outcomeRequired"] });
    expect(settleFormProblems({ outcome: "PARTIAL_REFUND", amount: "", reason: "核实少发一件" })).toEqual({ amount: ["required"] });
    expect(settleFormProblems({ outcome: "PARTIAL_REFUND", amount: "abc", reason: "核实少发一件" })).toEqual({ amount: ["amountFormat"] });
  });

  it("passes what the server takes, with the amount in fen only for a partial refund", () => {
    expect(settleFormProblems({ outcome: "PARTIAL_REFUND", amount: "12.30", reason: "核实少发一件" })).toBeNull();
    expect(settleFormInput.parse({ outcome: "PARTIAL_REFUND", amount: "12.30", reason: " 核实少发一件 " })).toMatchObject({ amountFen: 1230, reason: "核实少发一件" });
    expect(settleFormInput.parse({ outcome: "FULL_REFUND", amount: "oops", reason: "核实少发一件" }).amountFen).toBeUndefined();
  });
});
