-- Claiming a store coupon as one statement (lib/promotions/coupons.ts): when many buyers claim
-- the last coupons at once they queue on the coupon's row only for as long as this runs.
--
-- Returns {"id", "remaining", "validFrom", "validUntil"} for the new claim, or
-- {"refused": "NOT_CLAIMABLE" | "SOLD_OUT" | "CLAIM_LIMIT"}.
CREATE OR REPLACE FUNCTION ls_claim_coupon(coupon_id text, buyer_id text, claim_id text) RETURNS jsonb AS $$
DECLARE
  c record;
  had int;
  valid_from timestamptz;
  valid_until timestamptz;
BEGIN
  -- One buyer's claims of one coupon queue up, and each counts what the one before it wrote
  -- (every statement here reads afresh), so the per-buyer limit holds under parallel claims.
  PERFORM pg_advisory_xact_lock(hashtext('coupon-claim:' || coupon_id || ':' || buyer_id));
  SELECT count(*) INTO had FROM "CouponClaim" WHERE "couponId" = coupon_id AND "buyerId" = buyer_id;

  -- The guarded decrement: only while claimable, never below zero (the table refuses that too).
  UPDATE "Coupon" SET remaining = remaining - 1, "updatedAt" = now()
   WHERE id = coupon_id AND status = 'ACTIVE' AND audience = 'PUBLIC' AND "startsAt" <= now() AND "endsAt" > now()
     AND remaining > 0 AND "perBuyerLimit" > had
  RETURNING id, "storeId", remaining, "startsAt", "endsAt", "validDays" INTO c;
  IF NOT FOUND THEN
    SELECT remaining, "perBuyerLimit", status::text AS status, audience::text AS audience, "startsAt", "endsAt" INTO c FROM "Coupon" WHERE id = coupon_id;
    IF NOT FOUND OR c.status <> 'ACTIVE' OR c.audience <> 'PUBLIC' OR c."startsAt" > now() OR c."endsAt" <= now() THEN
      RETURN jsonb_build_object('refused', 'NOT_CLAIMABLE');
    ELSIF had >= c."perBuyerLimit" THEN
      RETURN jsonb_build_object('refused', 'CLAIM_LIMIT');
    END IF;
    RETURN jsonb_build_object('refused', 'SOLD_OUT');
  END IF;

  -- Usable within the coupon's window, or for validDays from now (lib/promotions/coupon-math.ts: claimValidity).
  IF c."validDays" IS NOT NULL THEN
    valid_from := now();
    valid_until := now() + make_interval(days => c."validDays");
  ELSE
    valid_from := c."startsAt";
    valid_until := c."endsAt";
  END IF;
  INSERT INTO "CouponClaim" (id, "couponId", "storeId", "buyerId", status, "validFrom", "validUntil", source, "claimedAt")
  VALUES (claim_id, coupon_id, c."storeId", buyer_id, 'AVAILABLE', valid_from, valid_until, 'CLAIMED', now());
  -- The last one tells the store, once, through a job (COUPON_CLAIMED_OUT_QUEUE in lib/promotions/coupon-jobs.ts).
  IF c.remaining = 0 THEN
    INSERT INTO "Job" (queue, payload, "runAt", "maxAttempts", "singletonKey", "createdAt")
    VALUES ('promotions.couponClaimedOut', jsonb_build_object('couponId', coupon_id), now(), 5, 'coupon-claimed-out:' || coupon_id, now())
    ON CONFLICT ("singletonKey") DO NOTHING;
  END IF;
  RETURN jsonb_build_object('id', claim_id, 'remaining', c.remaining, 'validFrom', valid_from, 'validUntil', valid_until);
END $$ LANGUAGE plpgsql;
