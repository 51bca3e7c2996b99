//! Fixing a round's expected list when it opens: every in-scope item of the register that
//! is not disposed and was acquired by the as-of date, with where it is, who holds it, its
//! status and the loan it is out on, in sheet order (division, location, code).
//!
//! One INSERT … SELECT of narrow rows does it (an item's description stays in the register),
//! so an annual round of 100,000 items opens in under a second. The copy is what makes the
//! list stable: a later transfer, status change or loan changes the register, not the
//! round, and the round shows the difference.

use chrono::NaiveDate;
use rusqlite::params;

use crate::error::Result;
use crate::ids::RoundId;
use crate::register::Change;

/// Copies the round's expected lines; returns how many.
pub(crate) fn fix_expected_lines(
    change: &Change<'_>,
    id: RoundId,
    as_of: NaiveDate,
) -> Result<u32> {
    let lines = change.execute(
        concat!(
            "INSERT INTO check_lines (round_id, seq, asset_id, division_id, location_id,
                 custodian_name, status, loan_id)
             SELECT ?1,
                 row_number() OVER (ORDER BY a.division_id IS NULL, a.division_id,
                                             l.rank IS NULL, l.rank, a.code_key, a.id),
                 a.id, a.division_id, a.location_id, ",
            custodian_name_sql!(),
            ", a.status, o.loan_id
             FROM assets a
             -- Places by name, as numbers: sorting 100,000 rows on a number is much
             -- cheaper than on a Thai name that six places share the start of.
             LEFT JOIN (SELECT id, row_number() OVER (ORDER BY name, id) AS rank
                        FROM locations) l ON l.id = a.location_id
             LEFT JOIN people p ON p.id = a.custodian_id
             LEFT JOIN (
                 SELECT i.asset_id, max(i.loan_id) AS loan_id
                 FROM loan_items i WHERE i.state = 'out' GROUP BY i.asset_id
             ) o ON o.asset_id = a.id
             -- '+' keeps the planner off the acquired-on index: nearly every item was
             -- acquired by the as-of day, and reading them through it costs a lookup each.
             WHERE a.status <> 'disposed' AND +a.acquired_on <= ?2
               AND (NOT EXISTS (SELECT 1 FROM check_scope s
                                WHERE s.round_id = ?1 AND s.kind IN ('division', 'location'))
                    OR a.division_id IN (SELECT ref_id FROM check_scope
                                         WHERE round_id = ?1 AND kind = 'division')
                    OR a.location_id IN (SELECT ref_id FROM check_scope
                                         WHERE round_id = ?1 AND kind = 'location'))
               AND (NOT EXISTS (SELECT 1 FROM check_scope s
                                WHERE s.round_id = ?1 AND s.kind = 'category')
                    OR a.category_id IN (SELECT ref_id FROM check_scope
                                         WHERE round_id = ?1 AND kind = 'category'))"
        ),
        params![id, as_of],
    )?;
    Ok(u32::try_from(lines).unwrap_or(u32::MAX))
}
