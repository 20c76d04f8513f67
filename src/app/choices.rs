//! The page's non-numeric inputs: each a choice among named options, with a
//! URL key and a default. Described once, like [`super::inputs`].

/// Identifies one choice; its discriminant is its index in [`CHOICES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ch {
    /// Which workspace is shown: `design` or `impedance`.
    Tab,
    /// Basis of the composition fractions: `wt` or `vol`.
    Basis,
    /// Where τ comes from: `bruggeman` (τ = k·ε^−α) or `measured`.
    TauMode,
    /// The anode: `li` (Li metal, no anode term) or `composite`.
    Anode,
    /// Impedance cell layout: `ion-electron`, `ion-ion`, `electron-electron`.
    Layout,
    /// Interface element: `c` (double layer) or `cpe`.
    Interface,
    /// Impedance workspace mode: `fit` (data) or `sim` (simulate).
    ZMode,
    /// R_bulk in a fit: `free` or `fixed` (at [`super::In::ZRBulkOhm`]).
    RBulk,
    /// Which fitted rail is ionic when the layout cannot tell (ion–electron).
    Rails,
    /// The review's figure the simulation redraws (`none`, `4c`, `4d`, `5b`;
    /// see [`super::figures`]).
    SimFigure,
    /// The published analysis last loaded into the design, whose figures are
    /// shown beside the computed ones (`none` or a preset id; see
    /// [`super::comparison`]).
    Preset,
    /// The OCP of the cathode's active material in the discharge model: an
    /// id of `crate::materials::ocp_data` or `user` (a CSV table).
    CathodeOcp,
    /// The OCP of a composite anode's active material, likewise.
    AnodeOcp,
    /// How the discharge model counts the SE separator: `r0` (in R_0),
    /// `se` (L_sep/σ_i of the SE) or `given` (L_sep/σ_sep).
    Separator,
    /// Which fraction the microstructure workspace's sweep varies: `se` or `am`.
    Sweep,
    /// The model a spectrum is fitted with: `auto` (the first model its
    /// shape calls for, `crate::fit::first_model`) or `line` (the layout's).
    ZModel,
    /// The Nyquist plot's view: `frame` (equal axes around the intercepts
    /// and the 45° region, not the capacitive tail), `all` (equal axes,
    /// every point) or `free` (each axis fitted to the data).
    ZView,
    /// How a circuit fit weights its residuals: `modulus` (1/|Z|), `unit`
    /// or `proportional` (1/|Re Z|, 1/|Im Z|): `crate::fit::Weighting`.
    ZWeight,
    /// How the DRT panel chooses λ: `lcurve` (the L-curve's corner) or `gcv`
    /// (generalised cross-validation).
    DrtLambda,
    /// Lin-KK's series inductance: `with` or `without`.
    KkL,
    /// Lin-KK's series capacitance: `auto` (from the data), `with`, `without`.
    KkC,
    /// The unit the temperature series shows and takes temperatures in: `C` or `K`.
    TUnit,
}

/// Number of choices.
pub const N_CHOICES: usize = 22;

/// The OCP curves a discharge model may use: the library's, in
/// `crate::materials::ocp_data::OCP_CURVES` order, then the user's table.
const OCP_OPTIONS: &[Opt] = &[
    ("nmc811", "NMC811, Chen 2020"),
    ("nmc532", "NMC532, Mohtat 2020"),
    ("lfp", "LFP, Afshar 2017"),
    ("lco", "LCO, Dualfoil"),
    ("graphite", "graphite, Chen 2020"),
    ("lto", "LTO, Yao & Viswanathan 2024"),
    ("user", "your table (CSV)"),
];

/// One option: URL/DOM name and label for people.
pub type Opt = (&'static str, &'static str);

/// Description of one choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChoiceSpec {
    pub id: Ch,
    pub key: &'static str,
    pub label: &'static str,
    pub options: &'static [Opt],
    /// Index of the default option.
    pub default: usize,
}

/// All choices, in [`Ch`] order.
pub const CHOICES: [ChoiceSpec; N_CHOICES] = [
    ChoiceSpec {
        id: Ch::Tab,
        key: "tab",
        label: "Workspace",
        options: &[
            ("design", "Design"),
            ("impedance", "Impedance"),
            ("micro", "Microstructure"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::Basis,
        key: "basis",
        label: "Fractions are",
        options: &[("wt", "weight %"), ("vol", "volume % (dense)")],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::TauMode,
        key: "taum",
        label: "Tortuosity from",
        options: &[
            ("measured", "a measured τ"),
            ("bruggeman", "Bruggeman, τ = k·ε^−α (Eq. 18)"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::Anode,
        key: "anode",
        label: "Anode",
        options: &[
            ("composite", "composite anode"),
            ("li", "Li metal (half cell)"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::Layout,
        key: "layout",
        label: "Cell layout",
        options: &[
            ("ion-electron", "SS/CE/SE/CE/SS (ion–electron)"),
            ("ion-ion", "Li/SE/CE/SE/Li (electron blocking)"),
            ("electron-electron", "SS/CE/SS (ion blocking)"),
        ],
        default: 1,
    },
    ChoiceSpec {
        id: Ch::Interface,
        key: "iface",
        label: "Interface",
        options: &[("cpe", "CPE, Y = Q·(iω)^n"), ("c", "double layer C_dl")],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::ZMode,
        key: "zmode",
        label: "Mode",
        options: &[("fit", "fit a spectrum"), ("sim", "simulate")],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::RBulk,
        key: "rbulk",
        label: "R_bulk in the fit",
        options: &[("free", "fitted"), ("fixed", "held at a value")],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::Rails,
        key: "rails",
        label: "Ionic rail",
        options: &[
            ("larger", "the larger rail resistance (σ_e ≫ σ_i)"),
            ("smaller", "the smaller rail resistance"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::SimFigure,
        key: "zfig",
        label: "Figure of the review",
        options: &[
            ("none", "none"),
            ("4c", "Figure 4C"),
            ("4d", "Figure 4D"),
            ("5b", "Figure 5B"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::Preset,
        key: "pre",
        label: "Published analysis",
        options: &[
            ("none", "none"),
            ("kato2018", "Kato et al. 2018"),
            ("hlushkou2018", "Hlushkou et al. 2018"),
            ("kaiser2018", "Kaiser et al. 2018"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::CathodeOcp,
        key: "ocp",
        label: "Open-circuit potential",
        options: OCP_OPTIONS,
        default: 3,
    },
    ChoiceSpec {
        id: Ch::AnodeOcp,
        key: "aocp",
        label: "Open-circuit potential",
        options: OCP_OPTIONS,
        default: 4,
    },
    ChoiceSpec {
        id: Ch::Separator,
        key: "sepm",
        label: "SE separator",
        options: &[
            ("r0", "counted in R_0"),
            ("se", "L_sep/σ_i of the SE, added"),
            ("given", "L_sep/σ_sep, added"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::Sweep,
        key: "msw",
        label: "Vary",
        options: &[
            ("se", "the SE fraction (the others in proportion)"),
            (
                "am",
                "the active-material fraction (the others in proportion)",
            ),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::ZModel,
        key: "zmodel",
        label: "Model fitted",
        options: &[
            ("auto", "chosen from the spectrum's shape"),
            ("line", "the transmission line of the layout below"),
            ("circuit", "an equivalent circuit you write"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::ZView,
        key: "zview",
        label: "Nyquist view",
        options: &[
            (
                "frame",
                "equal axes, framing the intercepts and the 45° region",
            ),
            ("all", "equal axes, every point"),
            ("free", "axes fitted to the data (not equal)"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::ZWeight,
        key: "zw",
        label: "Weighting of the residuals",
        options: &[
            ("modulus", "1/|Z|"),
            ("unit", "none"),
            ("proportional", "1/|Re Z| and 1/|Im Z|"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::DrtLambda,
        key: "drtl",
        label: "DRT with λ by",
        options: &[
            ("lcurve", "the L-curve corner"),
            ("gcv", "generalised cross-validation"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::KkL,
        key: "kkl",
        label: "Lin-KK series inductance",
        options: &[("with", "with L"), ("without", "without L")],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::KkC,
        key: "kkc",
        label: "Lin-KK series capacitance",
        options: &[
            ("auto", "C if the low end is capacitive"),
            ("with", "with C"),
            ("without", "without C"),
        ],
        default: 0,
    },
    ChoiceSpec {
        id: Ch::TUnit,
        key: "tunit",
        label: "Temperatures in",
        options: &[("C", "°C"), ("K", "K")],
        default: 0,
    },
];

impl Ch {
    /// This choice's description.
    pub fn spec(self) -> &'static ChoiceSpec {
        &CHOICES[self as usize]
    }

    /// Finds a choice by its URL key.
    pub fn from_key(key: &str) -> Option<Ch> {
        CHOICES.iter().find(|c| c.key == key).map(|c| c.id)
    }

    /// The workspace whose computation the choice belongs to (None for the
    /// workspace picker itself): the impedance workspace's choices are
    /// named, every other one (including any added later) is the design
    /// workspace's.
    pub fn workspace(self) -> Option<Tab> {
        match self {
            Ch::Tab => None,
            Ch::Layout
            | Ch::Interface
            | Ch::ZMode
            | Ch::RBulk
            | Ch::Rails
            | Ch::SimFigure
            | Ch::ZModel
            | Ch::ZView
            | Ch::ZWeight
            | Ch::KkL
            | Ch::KkC
            | Ch::DrtLambda
            | Ch::TUnit => Some(Tab::Impedance),
            _ => Some(Tab::Design),
        }
    }
}

impl ChoiceSpec {
    /// Index of the option called `name`, if any.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.options.iter().position(|(n, _)| *n == name)
    }

    /// Name of option `index` (the default's if out of range).
    pub fn name(&self, index: usize) -> &'static str {
        self.options
            .get(index)
            .or_else(|| self.options.get(self.default))
            .map_or("", |o| o.0)
    }
}

/// The typed value of one choice: an enum whose variants are the options
/// of [`Choice::ID`] in table order. Strings (URL values, DOM values) are
/// parsed into it once, at the edge ([`super::State::set_choice`]); the
/// view model only compares variants.
pub trait Choice: Copy + PartialEq + 'static {
    const ID: Ch;
    /// Every variant, in the order of the options in [`CHOICES`].
    const ALL: &'static [Self];

    /// The option's index in the table.
    fn index(self) -> usize {
        Self::ALL.iter().position(|&v| v == self).unwrap_or(0)
    }

    /// The option's URL/DOM name.
    fn name(self) -> &'static str {
        Self::ID.spec().name(self.index())
    }

    /// The option's label for people.
    fn label(self) -> &'static str {
        Self::ID
            .spec()
            .options
            .get(self.index())
            .map_or("", |o| o.1)
    }

    /// The option called `name`, if any.
    fn from_name(name: &str) -> Option<Self> {
        Self::ID
            .spec()
            .index_of(name)
            .and_then(|k| Self::ALL.get(k).copied())
    }
}

/// Declares the enum of one choice and its [`Choice`] impl.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident = $id:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }
        impl Choice for $name {
            const ID: Ch = Ch::$id;
            const ALL: &'static [Self] = &[$($name::$variant),+];
        }
    };
}

choice!(
    /// The workspace shown.
    Tab = Tab { Design, Impedance, Micro }
);
choice!(
    /// The basis of the composition fractions.
    Basis = Basis { Weight, Volume }
);
choice!(
    /// Where τ comes from.
    TauMode = TauMode { Measured, Bruggeman }
);
choice!(
    /// The anode of the cell.
    Anode = Anode { Composite, LiMetal }
);
choice!(
    /// The impedance workspace's mode.
    ZMode = ZMode { Fit, Simulate }
);
choice!(
    /// R_bulk in a fit.
    RBulk = RBulk { Free, Fixed }
);
choice!(
    /// The review's figure the simulation redraws (see [`super::figures`]).
    SimFigure = SimFigure { None, Fig4C, Fig4D, Fig5B }
);
choice!(
    /// The fraction the microstructure workspace's sweep varies.
    Sweep = Sweep { Se, Am }
);
choice!(
    /// The published analysis last loaded (see [`super::comparison`]); its
    /// name is the preset's id in `crate::materials::presets`.
    Preset = Preset { None, Kato2018, Hlushkou2018, Kaiser2018 }
);

choice!(
    /// The cathode's OCP in the discharge model (see [`Ocp`]).
    CathodeOcp = CathodeOcp { Nmc811, Nmc532, Lfp, Lco, Graphite, Lto, User }
);
choice!(
    /// A composite anode's OCP in the discharge model (see [`Ocp`]).
    AnodeOcp = AnodeOcp { Nmc811, Nmc532, Lfp, Lco, Graphite, Lto, User }
);
choice!(
    /// How the discharge model counts the SE separator.
    Separator = Separator { InR0, Electrolyte, Given }
);

/// Where an electrode's OCP comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ocp {
    /// The library curve with this id (`crate::materials::ocp_data`).
    Library(&'static str),
    /// The user's table.
    User,
}

impl CathodeOcp {
    /// The curve chosen.
    pub fn ocp(self) -> Ocp {
        match self {
            CathodeOcp::User => Ocp::User,
            other => Ocp::Library(other.name()),
        }
    }
}

impl AnodeOcp {
    /// The curve chosen.
    pub fn ocp(self) -> Ocp {
        match self {
            AnodeOcp::User => Ocp::User,
            other => Ocp::Library(other.name()),
        }
    }
}

impl Choice for crate::impedance::Layout {
    const ID: Ch = Ch::Layout;
    const ALL: &'static [Self] = &crate::impedance::Layout::ALL;
}

impl Choice for crate::fit::InterfaceKind {
    const ID: Ch = Ch::Interface;
    const ALL: &'static [Self] = &[Self::Cpe, Self::Capacitor];
}

impl Choice for crate::fit::IonicRail {
    const ID: Ch = Ch::Rails;
    const ALL: &'static [Self] = &[Self::Larger, Self::Smaller];
}

choice!(
    /// The Nyquist plot's view.
    #[derive(Default)]
    ZView = ZView {
        #[default]
        Frame,
        All,
        Free
    }
);
choice!(
    /// The model a spectrum is fitted with.
    ZModel = ZModel { Auto, Line, Circuit }
);

impl Choice for crate::fit::Weighting {
    const ID: Ch = Ch::ZWeight;
    const ALL: &'static [Self] = &[Self::Modulus, Self::Unit, Self::Proportional];
}

choice!(
    /// Lin-KK's series inductance.
    KkL = KkL { With, Without }
);
choice!(
    /// Lin-KK's series capacitance.
    KkC = KkC { Auto, With, Without }
);
choice!(
    /// How the DRT panel chooses λ (the core also offers a fixed λ); its
    /// label says it for people.
    DrtLambda = DrtLambda { LCurve, Gcv }
);
choice!(
    /// The unit temperatures are shown and typed in; its label is the symbol.
    TUnit = TUnit { Celsius, Kelvin }
);

#[cfg(test)]
mod tests;
