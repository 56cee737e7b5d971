//! How far a hostile file can make memport go: how deep ZIPs inside ZIPs are followed, and
//! how many bytes one import may inflate.
//!
//! A ZIP is a program for its reader: a few kilobytes can inflate to gigabytes (a ZIP bomb),
//! an archive can hold itself (a quine) or point all its entries at one deflate stream. An
//! export never needs either: Claude's category ZIPs sit one level inside the ZIP a person
//! makes of its folder, and exported JSON inflates to a few times its compressed size. So
//! the reader follows ZIPs a few levels down and inflates a generous multiple of what the
//! person chose, then stops with a message that says why, keeping what it read before.

use super::summary::megabytes;

/// The deepest ZIP read: the chosen file is level 1, a ZIP inside it level 2. Claude's
/// exports need 2 (its folder zipped whole); one more is slack.
pub const MAX_DEPTH: u32 = 3;

/// Bytes one import may inflate per byte of the files chosen, on top of [`BUDGET_FLOOR`].
/// Real exports' JSON inflates to well under 20 times its deflated size; deflate itself
/// cannot exceed about 1,030.
pub const BUDGET_RATIO: u64 = 100;

/// Bytes any import may inflate, however small its files: an honest small export never
/// reaches it, and a bomb stops well before it strains a browser tab.
pub const BUDGET_FLOOR: u64 = 32_000_000;

/// The bytes an import of `total` bytes of files may inflate.
pub fn budget(total: u64) -> u64 {
    BUDGET_FLOOR.saturating_add(total.saturating_mul(BUDGET_RATIO))
}

/// The inflate budget of one import, spent entry by entry.
#[derive(Clone, Debug)]
pub struct Budget {
    total: u64,
    left: u64,
    spent_out: bool,
}

impl Budget {
    /// The budget of an import of `total` bytes of files.
    pub fn new(total: u64) -> Budget {
        Budget {
            total,
            left: budget(total),
            spent_out: false,
        }
    }

    /// Takes `n` bytes handed out of an entry; false when that passes the budget (the
    /// reading must stop).
    pub fn take(&mut self, n: usize) -> bool {
        let n = n as u64;
        if n > self.left {
            self.left = 0;
            self.spent_out = true;
            return false;
        }
        self.left -= n;
        true
    }

    /// The budget is spent: no more entries are read.
    pub fn spent(&self) -> bool {
        self.spent_out
    }

    /// What the person reads where the budget ran out.
    pub fn message(&self) -> String {
        crate::i18n::t(
            "zip_bomb",
            &[
                &megabytes(budget(self.total)),
                &BUDGET_RATIO,
                &megabytes(self.total),
                &megabytes(BUDGET_FLOOR),
            ],
        )
    }
}

/// What the person reads where a ZIP is nested deeper than [`MAX_DEPTH`].
pub fn too_deep() -> String {
    crate::i18n::t("zip_too_deep", &[&MAX_DEPTH])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_a_multiple_of_the_input_plus_a_floor_and_stops_once() {
        assert_eq!(budget(0), 32_000_000);
        assert_eq!(budget(1_000_000), 132_000_000);
        assert_eq!(budget(u64::MAX), u64::MAX);
        let mut b = Budget::new(0);
        assert!(b.take(32_000_000));
        assert!(!b.spent());
        assert!(!b.take(1));
        assert!(b.spent());
        assert!(b
            .message()
            .contains("100 times the 0.0 MB of files chosen, plus 32 MB"));
        crate::i18n::set_lang(crate::i18n::Lang::Fr);
        let said = [
            b.message(),
            too_deep(),
            super::super::zip::ZipError::NotZip.to_string(),
        ];
        crate::i18n::set_lang(crate::i18n::Lang::En);
        assert!(
            said[0].contains("100 fois les 0,0 Mo des fichiers choisis, plus 32 Mo"),
            "{said:?}"
        );
        assert!(
            said[1].starts_with("est un ZIP imbriqué sur 3 niveaux"),
            "{said:?}"
        );
        assert_eq!(said[2], "n'est pas un fichier ZIP");
    }
}
