//! `drawdown man`: the manual page in roff, generated from the same grammar
//! the parser uses (`drawdown man | man -l -`).

use clap::CommandFactory as _;

use super::CliError;
use super::args::Cli;

/// The manual page of `drawdown` (roff).
pub fn man_page() -> Result<String, CliError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| CliError::Other(format!("cannot render the manual page: {e}")))?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_a_name_synopsis_and_the_subcommands() {
        let page = man_page().unwrap();
        assert!(page.starts_with(".ie"), "roff: {}", &page[..40.min(page.len())]);
        for word in [
            ".TH drawdown",
            ".SH NAME",
            ".SH SYNOPSIS",
            "export",
            "status",
            "completions",
        ] {
            assert!(page.contains(word), "no {word:?}");
        }
    }
}
