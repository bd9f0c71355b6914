//! Keys that work anywhere in the window (not only when a widget has
//! focus), read before any widget so that they act exactly once.

use egui::{Key, Modifiers, Ui};

use super::Command;

/// The keys, their modifiers and what they do (for the help overlay too).
pub const BINDINGS: &[(Modifiers, Key, Command, &str)] = &[
    (
        Modifiers::NONE,
        Key::ArrowRight,
        Command::StepDays(1),
        "→  one day later",
    ),
    (
        Modifiers::NONE,
        Key::ArrowLeft,
        Command::StepDays(-1),
        "←  one day earlier",
    ),
    (
        Modifiers::SHIFT,
        Key::ArrowRight,
        Command::StepMonths(1),
        "Shift+→  one month later",
    ),
    (
        Modifiers::SHIFT,
        Key::ArrowLeft,
        Command::StepMonths(-1),
        "Shift+←  one month earlier",
    ),
    (
        Modifiers::COMMAND,
        Key::ArrowRight,
        Command::StepYears(1),
        "Ctrl+→  one year later",
    ),
    (
        Modifiers::COMMAND,
        Key::ArrowLeft,
        Command::StepYears(-1),
        "Ctrl+←  one year earlier",
    ),
    (
        Modifiers::NONE,
        Key::PageDown,
        Command::NextMilestone,
        "PageDown / ]  next milestone",
    ),
    (Modifiers::NONE, Key::CloseBracket, Command::NextMilestone, ""),
    (
        Modifiers::NONE,
        Key::PageUp,
        Command::PrevMilestone,
        "PageUp / [  previous milestone",
    ),
    (Modifiers::NONE, Key::OpenBracket, Command::PrevMilestone, ""),
    (
        Modifiers::NONE,
        Key::Home,
        Command::RangeStart,
        "Home  start of the range",
    ),
    (Modifiers::NONE, Key::End, Command::RangeEnd, "End  end of the range"),
    (Modifiers::NONE, Key::T, Command::CycleTrack, "T  switch track"),
    (Modifiers::NONE, Key::Num0, Command::ResetView, "0  reset the map view"),
];

/// Consumes the bound keys pressed this frame and returns their commands,
/// unless a text field has the keyboard.
pub fn global_key_commands(ui: &Ui) -> Vec<Command> {
    if ui.ctx().egui_wants_keyboard_input() {
        return Vec::new();
    }
    ui.input_mut(|input| {
        let mut commands = Vec::new();
        // Most specific modifiers first so that Shift+→ is not also →.
        let mut bindings: Vec<_> = BINDINGS.iter().collect();
        bindings.sort_by_key(|(m, ..)| std::cmp::Reverse(u8::from(m.shift) + u8::from(m.command) + u8::from(m.ctrl)));
        for (modifiers, key, command, _) in bindings {
            let presses = input.count_and_consume_key(*modifiers, *key);
            commands.extend(std::iter::repeat_n(*command, presses));
        }
        commands
    })
}
