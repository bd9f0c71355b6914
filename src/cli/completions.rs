//! `drawdown completions bash|zsh|fish`: a completion script for the shell,
//! generated from the same grammar the parser uses.

use clap::CommandFactory as _;
use clap_complete::Shell;

use super::args::{Cli, ShellArg};

/// The completion script for `shell`.
pub fn completions(shell: ShellArg) -> String {
    let shell = match shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
    };
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "drawdown", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_knows_the_subcommands_and_their_flags() {
        for shell in [ShellArg::Bash, ShellArg::Zsh, ShellArg::Fish] {
            let script = completions(shell);
            for word in ["export", "status", "completions", "out-dir", "milestones", "projector"] {
                assert!(script.contains(word), "{shell:?}: no {word}");
            }
        }
    }
}
