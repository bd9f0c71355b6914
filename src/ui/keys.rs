//! Keys that work anywhere in the window (not only when a widget has
//! focus), read before any widget so that they act exactly once.

use egui::{Key, Modifiers, Ui};
use std::sync::LazyLock;

use super::Command;
use super::command::{ExportCommand, LookCommand, OverlayCommand, RecordCommand, StoryCommand, TimeCommand};

/// A key binding and what it does, as the help overlay and README list it.
pub struct Binding {
    pub modifiers: Modifiers,
    pub key: Key,
    pub command: Command,
    /// How the help overlay names the keys; empty for aliases listed with
    /// their main binding.
    pub keys: &'static str,
    pub action: &'static str,
}

const fn bind(modifiers: Modifiers, key: Key, command: Command, keys: &'static str, action: &'static str) -> Binding {
    Binding {
        modifiers,
        key,
        command,
        keys,
        action,
    }
}

const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// Every global key. Most specific modifiers are matched first, so that
/// Shift+Right is not also Right.
pub const BINDINGS: &[Binding] = &[
    bind(
        NONE,
        Key::Space,
        Command::Time(TimeCommand::TogglePlay),
        "Space",
        "play / pause",
    ),
    bind(
        SHIFT,
        Key::Space,
        Command::Time(TimeCommand::ToggleDirection),
        "Shift+Space",
        "play backwards / forwards",
    ),
    bind(
        NONE,
        Key::ArrowRight,
        Command::Time(TimeCommand::StepDays(1)),
        "Right / Left",
        "one day later / earlier",
    ),
    bind(NONE, Key::ArrowLeft, Command::Time(TimeCommand::StepDays(-1)), "", ""),
    bind(
        SHIFT,
        Key::ArrowRight,
        Command::Time(TimeCommand::StepMonths(1)),
        "Shift+Right / Left",
        "one month later / earlier",
    ),
    bind(
        SHIFT,
        Key::ArrowLeft,
        Command::Time(TimeCommand::StepMonths(-1)),
        "",
        "",
    ),
    bind(
        CTRL,
        Key::ArrowRight,
        Command::Time(TimeCommand::StepYears(1)),
        "Ctrl+Right / Left",
        "one year later / earlier",
    ),
    bind(CTRL, Key::ArrowLeft, Command::Time(TimeCommand::StepYears(-1)), "", ""),
    // The clicker: the open story's stops, else the scenario's
    // (milestones, record's end, today); decided in one place, the story's
    // `Step`.
    bind(
        NONE,
        Key::PageDown,
        Command::Story(StoryCommand::Step { forward: true }),
        "PageDown or ]",
        "next stop: the story's, else milestone, record's end, today (clicker: next)",
    ),
    bind(
        NONE,
        Key::CloseBracket,
        Command::Story(StoryCommand::Step { forward: true }),
        "",
        "",
    ),
    bind(
        NONE,
        Key::PageUp,
        Command::Story(StoryCommand::Step { forward: false }),
        "PageUp or [",
        "previous stop (clicker: back)",
    ),
    bind(
        NONE,
        Key::OpenBracket,
        Command::Story(StoryCommand::Step { forward: false }),
        "",
        "",
    ),
    bind(
        NONE,
        Key::Home,
        Command::Time(TimeCommand::RangeStart),
        "Home / End",
        "start / end of the range",
    ),
    bind(NONE, Key::End, Command::Time(TimeCommand::RangeEnd), "", ""),
    bind(NONE, Key::N, Command::Time(TimeCommand::Today), "N", "today (now)"),
    bind(NONE, Key::T, Command::Time(TimeCommand::CycleTrack), "T", "next track"),
    bind(
        NONE,
        Key::C,
        Command::Look(LookCommand::ToggleCompare),
        "C",
        "compare: both tracks side by side",
    ),
    bind(
        NONE,
        Key::F5,
        Command::Overlay(OverlayCommand::TogglePresentation),
        "F5 or F11",
        "presentation mode (full screen)",
    ),
    bind(
        NONE,
        Key::F11,
        Command::Overlay(OverlayCommand::TogglePresentation),
        "",
        "",
    ),
    bind(
        NONE,
        Key::B,
        Command::Overlay(OverlayCommand::ToggleBlackScreen),
        "B or .",
        "black screen",
    ),
    // PowerPoint's key: clickers send it from their "blank" button.
    bind(
        NONE,
        Key::Period,
        Command::Overlay(OverlayCommand::ToggleBlackScreen),
        "",
        "",
    ),
    bind(
        NONE,
        Key::G,
        Command::Overlay(OverlayCommand::OpenGoTo),
        "G",
        "go to a date",
    ),
    bind(
        NONE,
        Key::Questionmark,
        Command::Overlay(OverlayCommand::ToggleHelp),
        "?",
        "this help",
    ),
    bind(
        NONE,
        Key::L,
        Command::Time(TimeCommand::ToggleLoop),
        "L",
        "loop playback",
    ),
    bind(
        CTRL,
        Key::E,
        Command::Export(ExportCommand::Open),
        "Ctrl+E",
        "export an image or a sequence",
    ),
    bind(
        CTRL_SHIFT,
        Key::C,
        Command::Export(ExportCommand::CopyImage),
        "Ctrl+Shift+C",
        "copy the map to the clipboard",
    ),
    bind(
        CTRL,
        Key::R,
        Command::Record(RecordCommand::Open),
        "Ctrl+R",
        "record a report into the scenario",
    ),
    bind(
        CTRL,
        Key::Z,
        Command::Undo,
        "Ctrl+Z",
        "undo: the story's last edit (panel open), else the last recorded report (on disk too); in a text field, its typing",
    ),
    bind(
        NONE,
        Key::P,
        Command::Story(StoryCommand::TogglePresenter),
        "P",
        "presenter view: notes, next stop, clock (with a story)",
    ),
    bind(
        CTRL,
        Key::S,
        Command::Story(StoryCommand::Save),
        "Ctrl+S",
        "save the story (from a text field too)",
    ),
    bind(
        NONE,
        Key::Num0,
        Command::Look(LookCommand::ResetView),
        "0",
        "reset the map view",
    ),
    bind(
        NONE,
        Key::Escape,
        Command::Escape,
        "Esc",
        "close a dialog / dismiss the error / leave presentation mode",
    ),
];

/// [`BINDINGS`], those with more modifiers first, so that Shift+→ is not
/// taken by →; sorted once, not every frame.
static BY_SPECIFICITY: LazyLock<Vec<&'static Binding>> = LazyLock::new(|| {
    let specificity = |m: &Modifiers| u8::from(m.shift) + u8::from(m.command) + u8::from(m.ctrl);
    let mut bindings: Vec<&Binding> = BINDINGS.iter().collect();
    bindings.sort_by_key(|b| std::cmp::Reverse(specificity(&b.modifiers)));
    bindings
});

/// The keys that act while a text field has the keyboard: a text field has
/// no use for Ctrl+S, and the officer typing talking points saves from
/// there. Ctrl+Z is not among them: in a field it undoes the field's own
/// typing, as in any editor.
const WHILE_TYPING: &[(Modifiers, Key)] = &[(CTRL, Key::S)];

/// Consumes the bound keys pressed this frame and returns their commands;
/// while a text field has the keyboard, only those of [`WHILE_TYPING`].
/// Called before the widgets, so that a field does not take them first.
pub fn global_key_commands(ui: &Ui) -> Vec<Command> {
    if ui.ctx().egui_wants_keyboard_input() {
        return ui.input_mut(|input| {
            let mut commands = Vec::new();
            for binding in BINDINGS.iter().filter(|b| WHILE_TYPING.contains(&(b.modifiers, b.key))) {
                let presses = input.count_and_consume_key(binding.modifiers, binding.key);
                commands.extend(std::iter::repeat_n(binding.command.clone(), presses));
            }
            commands
        });
    }
    // An open dropdown takes Esc for itself: closing it must not also
    // close the dialog under it (and drop a half-filled form).
    let popup_open = egui::Popup::is_any_open(ui.ctx());
    ui.input_mut(|input| {
        let mut commands = Vec::new();
        for binding in BY_SPECIFICITY.iter() {
            if popup_open && binding.key == Key::Escape {
                continue;
            }
            let presses = input.count_and_consume_key(binding.modifiers, binding.key);
            commands.extend(std::iter::repeat_n(binding.command.clone(), presses));
        }
        commands
    })
}
