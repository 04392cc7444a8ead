//! The typed step between submitted pairs and a kind's form struct: each
//! struct field is a `Slot` named like its input, and `form_values!` writes
//! the struct with its decoding from and encoding to `Values` once, from the
//! list of its fields.

use std::collections::HashMap;

/// Submitted or current values, by field name (several for multi-selects).
pub type Values = HashMap<String, Vec<String>>;

pub fn values_from_pairs(pairs: Vec<(String, String)>) -> Values {
    let mut values = Values::new();
    for (k, v) in pairs {
        values.entry(k).or_default().push(v);
    }
    values
}

/// A form struct read from and written to `Values` (made by `form_values!`).
pub trait FormValues: Sized {
    fn decode(values: &Values) -> Self;
    fn into_values(self) -> Values;
}

/// How one struct field is submitted.
pub trait Slot: Sized {
    fn read(values: &Values, name: &str) -> Self;
    fn write(self, values: &mut Values, name: &str);
}

/// One input's text as submitted (the first value), `None` when absent.
impl Slot for Option<String> {
    fn read(values: &Values, name: &str) -> Self {
        values.get(name).and_then(|v| v.first()).cloned()
    }

    fn write(self, values: &mut Values, name: &str) {
        if let Some(v) = self {
            values.insert(name.to_owned(), vec![v]);
        }
    }
}

/// Every value of a multi-select (the key repeated), in submitted order.
impl Slot for Vec<String> {
    fn read(values: &Values, name: &str) -> Self {
        values.get(name).cloned().unwrap_or_default()
    }

    fn write(self, values: &mut Values, name: &str) {
        values.insert(name.to_owned(), self);
    }
}

/// A checkbox: ticked when submitted as "on" (browsers) or "true".
impl Slot for bool {
    fn read(values: &Values, name: &str) -> Self {
        values
            .get(name)
            .and_then(|v| v.first())
            .is_some_and(|v| v == "on" || v == "true")
    }

    fn write(self, values: &mut Values, name: &str) {
        if self {
            values.insert(name.to_owned(), vec!["on".to_owned()]);
        }
    }
}

/// The direction chosen for each target of a development, submitted as one
/// select per target named `effect:<target>`; kept as (input name,
/// direction), sorted by name so errors come in a stable order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EffectInputs(pub Vec<(String, String)>);

/// The prefix of each effect input's name.
pub const EFFECT_PREFIX: &str = "effect:";

impl Slot for EffectInputs {
    fn read(values: &Values, _name: &str) -> Self {
        let mut inputs: Vec<(String, String)> = values
            .iter()
            .filter(|(k, _)| k.starts_with(EFFECT_PREFIX))
            .map(|(k, v)| (k.clone(), v.first().cloned().unwrap_or_default()))
            .collect();
        inputs.sort();
        EffectInputs(inputs)
    }

    fn write(self, values: &mut Values, _name: &str) {
        for (key, direction) in self.0 {
            values.insert(key, vec![direction]);
        }
    }
}

/// Declares a kind's form struct, one field per input (named like it), and
/// its `FormValues`: decoding reads each field's input, encoding writes it.
macro_rules! form_values {
    ($(#[$meta:meta])* $name:ident { $($field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            $(pub $field: $ty,)*
        }

        impl $crate::forms::values::FormValues for $name {
            fn decode(values: &$crate::forms::values::Values) -> Self {
                use $crate::forms::values::Slot;
                Self {
                    $($field: Slot::read(values, stringify!($field)),)*
                }
            }

            fn into_values(self) -> $crate::forms::values::Values {
                use $crate::forms::values::Slot;
                let mut values = $crate::forms::values::Values::new();
                $(Slot::write(self.$field, &mut values, stringify!($field));)*
                values
            }
        }
    };
}

/// An input of a form struct with its name, for the readers of `parse.rs`.
macro_rules! at {
    ($form:ident . $field:ident) => {
        (stringify!($field), &$form.$field)
    };
}
