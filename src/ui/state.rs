//! The application state: one `AppState` (Copy, all signals) provided at the root.
//!
//! Every change to the ledger goes through [`AppState::commit`]: the operation runs on a copy,
//! the copy is saved, and only then does the UI show it. A failed operation or save leaves both
//! the shown and the stored ledger as they were.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::{DomainError, Ledger};
use crate::i18n::Lang;
use crate::storage::{self, Loaded, LocalKv, Prefs, SaveError, Store, Unreadable};
use crate::training::session::{Move, Refusal, Session};
use crate::training::ScenarioLedger;

use super::route::Route;

/// A message at the bottom of the screen, optionally with an undo button.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub message: String,
    pub kind: ToastKind,
    pub undo: bool,
    pub id: u64,
    /// When it was shown (ms since the epoch), to combine messages of one action.
    pub at: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Success,
    Error,
}

/// A question that needs a yes before something irreversible-looking happens.
#[derive(Clone)]
pub struct Confirm {
    pub title: String,
    pub body: String,
    pub confirm_label: String,
    pub danger: bool,
    pub on_confirm: Callback<()>,
}

/// Why a change was not applied.
#[derive(Clone, Debug, PartialEq)]
pub enum CommitError {
    Domain(DomainError),
    Storage(SaveError),
    /// In training, a change to something other than the trainee's diary.
    Training(Refusal),
}

impl From<DomainError> for CommitError {
    fn from(e: DomainError) -> Self {
        CommitError::Domain(e)
    }
}

impl CommitError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CommitError::Domain(e) => lang.domain_error(e),
            CommitError::Storage(e) => save_error_message(lang, e),
            CommitError::Training(Refusal::StoryEntry) => lang
                .tr(
                    "Dit is een gebeurtenis uit het trainingsscenario: die kun je niet wijzigen of verwijderen. Je eigen dossierregels wel.",
                    "This is an event of the training scenario: it cannot be changed or removed. Your own diary entries can.",
                )
                .into(),
            CommitError::Training(Refusal::NotDiary) => lang
                .tr(
                    "In de training leg je acties vast in het dossier (werklijst, contacten, beloftes). Klanten, facturen, betalingen en instellingen horen bij het scenario; verlaat de training om je eigen grootboek te wijzigen.",
                    "In training you record actions in the diary (worklist, contacts, promises). Customers, invoices, payments and settings belong to the scenario; leave training to change your own ledger.",
                )
                .into(),
        }
    }
}

/// The training workspace: the session (what is stored) and its scenario ledger, built once.
#[derive(Clone, Debug)]
pub struct Training {
    pub session: Session,
    pub sl: Arc<ScenarioLedger>,
}

impl Training {
    pub fn new(session: Session) -> Training {
        let sl = Arc::new(session.build());
        Training { session, sl }
    }

    /// The scenario's date the clock shows.
    pub fn date(&self) -> NaiveDate {
        self.sl.date(self.session.day)
    }
}

pub fn save_error_message(lang: Lang, e: &SaveError) -> String {
    match e {
        SaveError::QuotaExceeded => lang
            .tr(
                "De opslag van de browser is vol. De wijziging is niet opgeslagen; je gegevens zijn ongewijzigd. Maak een back-up en ruim oude gegevens op.",
                "The browser's storage is full. The change was not saved; your data is unchanged. Make a backup and clear old data.",
            )
            .into(),
        SaveError::Conflict { .. } => lang
            .tr(
                "Een ander tabblad heeft het grootboek intussen gewijzigd. Probeer het opnieuw.",
                "Another tab changed the ledger in the meantime. Please try again.",
            )
            .into(),
        SaveError::Blocked => lang
            .tr(
                "De opgeslagen gegevens zijn onleesbaar en worden niet overschreven. Zie de melding bovenaan.",
                "The stored data cannot be read and is not overwritten. See the message at the top.",
            )
            .into(),
        SaveError::Unavailable(m) => format!(
            "{} ({m})",
            lang.tr("De opslag van de browser is niet beschikbaar", "The browser's storage is not available")
        ),
    }
}

/// What is wrong with the stored data, in plain words; the technical detail is separate
/// ([`unreadable_detail`]).
pub fn unreadable_message(lang: Lang, u: &Unreadable) -> String {
    match u {
        Unreadable::TooNew(v) => match lang {
            Lang::Nl => format!(
                "De opgeslagen gegevens zijn gemaakt door een nieuwere versie van Stipt (opslagversie {v}). Deze versie kan ze niet lezen."
            ),
            Lang::En => format!(
                "The stored data was written by a newer version of Stipt (storage version {v}). This version cannot read it."
            ),
        },
        Unreadable::MissingChunk(_) => lang
            .tr(
                "Een deel van de opgeslagen gegevens ontbreekt, dus het grootboek is niet compleet.",
                "Part of the stored data is missing, so the ledger is not complete.",
            )
            .into(),
        Unreadable::Invalid(_) => lang
            .tr(
                "De opgeslagen gegevens zijn leesbaar, maar kloppen niet met elkaar (bijvoorbeeld een betaling voor een factuur die niet bestaat).",
                "The stored data can be read, but does not add up (for example a payment for an invoice that does not exist).",
            )
            .into(),
        Unreadable::Storage(_) => lang
            .tr("De opslag van de browser kon niet worden gelezen.", "The browser's storage could not be read.")
            .into(),
        Unreadable::Malformed(_) | Unreadable::BadChunk { .. } => lang
            .tr(
                "De opgeslagen gegevens zijn beschadigd en kunnen niet worden gelezen.",
                "The stored data is damaged and cannot be read.",
            )
            .into(),
    }
}

/// The technical detail of an unreadable snapshot (for a support question; not translated).
pub fn unreadable_detail(u: &Unreadable) -> String {
    u.to_string()
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub ledger: RwSignal<Ledger>,
    pub prefs: RwSignal<Prefs>,
    pub route: RwSignal<Route>,
    pub toast: RwSignal<Option<Toast>>,
    pub confirm: RwSignal<Option<Confirm>>,
    /// Set when the stored snapshot cannot be read: the app runs read-only until resolved.
    pub recovery: RwSignal<Option<Unreadable>>,
    /// Set while training: the ledger shown is the scenario's, and nothing is written to the
    /// user's own snapshot (see `training::session`).
    pub training: RwSignal<Option<Training>>,
    /// The step of the guided tour shown, if the tour is open.
    pub tour: RwSignal<Option<usize>>,
    store: StoredValue<Store<LocalKv>>,
    /// The ledger before the last undoable change, and the revision that change produced.
    undo: StoredValue<Option<(Ledger, Option<u64>)>>,
    real_today: NaiveDate,
}

fn real_today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

impl AppState {
    /// Loads preferences and the stored ledger.
    pub fn load() -> AppState {
        let mut store = Store::new(LocalKv);
        let (ledger, recovery) = match store.load() {
            Loaded::Empty => (Ledger::new(), None),
            Loaded::Ledger { ledger, .. } => (ledger, None),
            Loaded::Unreadable(u) => (Ledger::new(), Some(u)),
        };
        // A training session left open (a reload, a presenter's second tab) is resumed.
        let training = storage::load_training().and_then(|t| Session::from_json(&t)).map(Training::new);
        let ledger = training.as_ref().map_or(ledger, |t| t.session.shown(&t.sl));
        AppState {
            ledger: RwSignal::new(ledger),
            prefs: RwSignal::new(storage::load_prefs()),
            route: RwSignal::new(Route::Dashboard),
            toast: RwSignal::new(None),
            confirm: RwSignal::new(None),
            recovery: RwSignal::new(recovery),
            training: RwSignal::new(training),
            tour: RwSignal::new(None),
            store: StoredValue::new(store),
            undo: StoredValue::new(None),
            real_today: real_today(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.prefs.with(|p| p.lang)
    }

    pub fn lang_untracked(&self) -> Lang {
        self.prefs.with_untracked(|p| p.lang)
    }

    /// "Today": the training clock while training, else the demo date when set, otherwise the
    /// real date.
    pub fn today(&self) -> NaiveDate {
        self.demo_date().unwrap_or(self.real_today)
    }

    /// "Today" without subscribing to changes (in event handlers and component set-up).
    pub fn today_untracked(&self) -> NaiveDate {
        self.training
            .with_untracked(|t| t.as_ref().map(Training::date))
            .or_else(|| self.prefs.with_untracked(|p| p.today))
            .unwrap_or(self.real_today)
    }

    /// The date "today" is set to instead of the real one: the training clock, or the demo date.
    pub fn demo_date(&self) -> Option<NaiveDate> {
        self.training.with(|t| t.as_ref().map(Training::date)).or_else(|| self.prefs.with(|p| p.today))
    }

    pub fn in_training(&self) -> bool {
        self.training.with(Option::is_some)
    }

    /// Starts training on `session` (a new one, or a reset): the scenario's ledger is shown,
    /// the user's own ledger stays stored as it is.
    pub fn start_training(&self, session: Session) {
        self.put_training(Training::new(session));
    }

    /// Moves the training clock; the trainee's entries are replayed on the new day.
    pub fn move_clock(&self, m: Move) {
        let Some(mut t) = self.training.get_untracked() else { return };
        let day = Session::moved(t.session.day, t.sl.length_days, m);
        if day != t.session.day {
            t.session.day = day;
            self.put_training(t);
        }
    }

    /// Back to day 0 of the same scenario, without the trainee's entries.
    pub fn reset_training(&self) {
        let Some(t) = self.training.get_untracked() else { return };
        let mut t = t;
        t.session.day = 0;
        t.session.events.clear();
        self.put_training(t);
    }

    /// Leaves training: the session is removed and the user's own ledger, as stored, shows again.
    pub fn leave_training(&self) {
        storage::clear_training();
        self.undo.set_value(None);
        self.training.set(None);
        self.load_own();
    }

    /// Another tab started, moved or left training: follow it.
    pub fn training_from_storage(&self) {
        match storage::load_training().and_then(|t| Session::from_json(&t)) {
            Some(session) => {
                let same = self.training.with_untracked(|t| {
                    t.as_ref().is_some_and(|t| {
                        (t.session.scenario, t.session.seed, t.session.start) == (session.scenario, session.seed, session.start)
                    })
                });
                let t = match self.training.get_untracked() {
                    Some(t) if same => Training { session, sl: t.sl },
                    _ => Training::new(session),
                };
                self.undo.set_value(None);
                self.ledger.set(t.session.shown(&t.sl));
                self.training.set(Some(t));
            }
            None if self.training.with_untracked(Option::is_some) => {
                self.undo.set_value(None);
                self.training.set(None);
                self.load_own();
            }
            None => {}
        }
    }

    fn put_training(&self, t: Training) {
        if let Err(e) = storage::save_training(&t.session.to_json()) {
            self.error(save_error_message(self.lang_untracked(), &e.into()));
            return;
        }
        self.undo.set_value(None);
        self.ledger.set(t.session.shown(&t.sl));
        self.training.set(Some(t));
    }

    /// A change in training: taken into the session when it is the trainee's diary, stored
    /// under the session's own key, and the ledger of the day rebuilt.
    fn commit_training(&self, op: impl Fn(&mut Ledger) -> Result<(), DomainError>) -> Result<(), CommitError> {
        let Some(mut t) = self.training.get_untracked() else { return Err(CommitError::Storage(SaveError::Blocked)) };
        let current = self.ledger.with_untracked(Ledger::clone);
        let mut next = current.clone();
        op(&mut next)?;
        t.session.record(&t.sl, &current, &next).map_err(CommitError::Training)?;
        storage::save_training(&t.session.to_json()).map_err(|e| CommitError::Storage(e.into()))?;
        self.ledger.set(t.session.shown(&t.sl));
        self.training.set(Some(t));
        Ok(())
    }

    /// Shows the user's own ledger as stored.
    fn load_own(&self) {
        match self.store.try_update_value(Store::load) {
            Some(Loaded::Ledger { ledger, .. }) => {
                self.ledger.set(ledger);
                self.recovery.set(None);
            }
            Some(Loaded::Unreadable(u)) => {
                self.ledger.set(Ledger::new());
                self.recovery.set(Some(u));
            }
            Some(Loaded::Empty) | None => {
                self.ledger.set(Ledger::new());
                self.recovery.set(None);
            }
        }
    }

    pub fn real_today(&self) -> NaiveDate {
        self.real_today
    }

    pub fn set_prefs(&self, f: impl FnOnce(&mut Prefs)) {
        let mut p = self.prefs.get_untracked();
        f(&mut p);
        if let Err(e) = storage::save_prefs(&p) {
            self.error(format!("{e}"));
        }
        self.prefs.set(p);
    }

    /// Applies `op` to a copy of the ledger, saves it, and then shows it. When another tab saved
    /// first, the stored ledger is loaded and `op` is applied to it instead, so neither change
    /// is lost.
    ///
    /// # Errors
    /// The operation's own error or a storage error; then nothing has changed.
    pub fn commit(&self, op: impl Fn(&mut Ledger) -> Result<(), DomainError>) -> Result<(), CommitError> {
        self.commit_inner(op, true)
    }

    /// Applies `op` and saves, or (`retry` false) fails with `Conflict` when another tab saved
    /// first: for changes that only make sense on the exact ledger they were made for.
    fn commit_inner(&self, op: impl Fn(&mut Ledger) -> Result<(), DomainError>, retry: bool) -> Result<(), CommitError> {
        if self.training.with_untracked(Option::is_some) {
            return self.commit_training(op);
        }
        if self.recovery.with_untracked(Option::is_some) {
            return Err(CommitError::Storage(SaveError::Blocked));
        }
        let current = self.ledger.with_untracked(Ledger::clone);
        let mut next = current.clone();
        op(&mut next)?;
        let saved = self.store.try_update_value(|s| s.save(&current, &next)).unwrap_or(Err(SaveError::Blocked));
        match saved {
            Ok(_) => {
                self.ledger.set(next);
                Ok(())
            }
            Err(e @ SaveError::Conflict { .. }) if !retry => {
                self.reload_from_storage();
                Err(CommitError::Storage(e))
            }
            Err(SaveError::Conflict { .. }) => {
                if !self.reload_from_storage() {
                    return Err(CommitError::Storage(SaveError::Blocked));
                }
                let current = self.ledger.with_untracked(Ledger::clone);
                let mut next = current.clone();
                op(&mut next)?;
                self.store
                    .try_update_value(|s| s.save(&current, &next))
                    .unwrap_or(Err(SaveError::Blocked))
                    .map_err(CommitError::Storage)?;
                self.ledger.set(next);
                self.info(
                    self.lang_untracked()
                        .tr(
                            "Een ander tabblad had het grootboek gewijzigd; je wijziging is daarop toegepast.",
                            "Another tab had changed the ledger; your change was applied on top of it.",
                        )
                        .into(),
                );
                Ok(())
            }
            Err(e) => Err(CommitError::Storage(e)),
        }
    }

    /// Like [`AppState::commit`], and offers to undo the change.
    ///
    /// # Errors
    /// As `commit`.
    pub fn commit_undoable(
        &self,
        message: String,
        op: impl Fn(&mut Ledger) -> Result<(), DomainError>,
    ) -> Result<(), CommitError> {
        let before = self.ledger.with_untracked(Ledger::clone);
        self.commit(op)?;
        let rev = self.store.with_value(Store::revision);
        self.undo.set_value(Some((before, rev)));
        self.show(message, ToastKind::Success, true);
        Ok(())
    }

    /// Undoes the last undoable change, if nothing was changed after it.
    pub fn undo(&self) {
        let lang = self.lang_untracked();
        let Some((before, rev)) = self.undo.get_value() else { return };
        self.undo.set_value(None);
        if self.store.with_value(Store::revision) != rev {
            self.error(lang.tr("Ongedaan maken kan niet meer: er is intussen iets gewijzigd.", "Cannot undo: something changed since.").into());
            return;
        }
        // Never re-applied on top of another tab's save: that would throw its change away.
        match self.commit_inner(
            move |l| {
                *l = before.clone();
                Ok(())
            },
            false,
        ) {
            Ok(()) => self.show(lang.tr("Ongedaan gemaakt.", "Undone.").into(), ToastKind::Info, false),
            Err(CommitError::Storage(SaveError::Conflict { .. })) => self.error(
                lang.tr(
                    "Ongedaan maken kan niet meer: een ander tabblad heeft intussen iets gewijzigd.",
                    "Cannot undo: another tab changed something since.",
                )
                .into(),
            ),
            Err(e) => self.error(e.message(lang)),
        }
    }

    /// Re-reads the stored ledger (after another tab saved). Returns false when it is unreadable.
    pub fn reload_from_storage(&self) -> bool {
        let loaded = self.store.try_update_value(Store::load);
        match loaded {
            Some(Loaded::Ledger { ledger, .. }) => {
                self.ledger.set(ledger);
                self.recovery.set(None);
                true
            }
            Some(Loaded::Empty) => {
                self.ledger.set(Ledger::new());
                self.recovery.set(None);
                true
            }
            Some(Loaded::Unreadable(u)) => {
                self.recovery.set(Some(u));
                false
            }
            None => false,
        }
    }

    /// The raw stored text, for download when it cannot be read.
    pub fn raw_dump(&self) -> String {
        self.store.with_value(Store::raw_dump)
    }

    /// Throws away what is stored (only after the user chose to), and starts empty.
    pub fn discard_stored(&self) {
        if self.training.with_untracked(Option::is_some) {
            self.error(CommitError::Training(Refusal::NotDiary).message(self.lang_untracked()));
            return;
        }
        self.store.update_value(Store::discard);
        self.undo.set_value(None);
        self.ledger.set(Ledger::new());
        self.recovery.set(None);
    }

    pub fn show(&self, message: String, kind: ToastKind, undo: bool) {
        let now = js_sys::Date::now();
        let (id, message, kind, undo) = self.toast.with_untracked(|t| match t {
            // Two messages of one action (e.g. "applied on top of another tab's change" and
            // "saved") are shown together rather than the second hiding the first.
            Some(t) if now - t.at < 250.0 && t.kind != ToastKind::Error && kind != ToastKind::Error => {
                (t.id + 1, format!("{} {}", t.message, message), kind, undo || t.undo)
            }
            Some(t) => (t.id + 1, message, kind, undo),
            None => (0, message, kind, undo),
        });
        self.toast.set(Some(Toast { message, kind, undo, id, at: now }));
        let toast = self.toast;
        set_timeout(
            move || {
                if toast.with_untracked(|t| t.as_ref().is_some_and(|t| t.id == id)) {
                    toast.set(None);
                }
            },
            std::time::Duration::from_secs(if undo { 10 } else { 5 }),
        );
    }

    pub fn info(&self, message: String) {
        self.show(message, ToastKind::Info, false);
    }

    pub fn success(&self, message: String) {
        self.show(message, ToastKind::Success, false);
    }

    pub fn error(&self, message: String) {
        self.show(message, ToastKind::Error, false);
    }

    /// Asks for confirmation, then runs `action`.
    pub fn ask(&self, title: String, body: String, confirm_label: String, danger: bool, action: impl Fn() + Send + Sync + 'static) {
        self.confirm.set(Some(Confirm { title, body, confirm_label, danger, on_confirm: Callback::new(move |()| action()) }));
    }

    pub fn go(&self, route: Route) {
        navigate(&route.href());
    }
}

/// Changes the location hash; the hashchange listener updates the route.
pub fn navigate(href: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(href.trim_start_matches('#'));
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
