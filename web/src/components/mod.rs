//! The page's parts, one component per file.

pub mod editor;
pub mod event_view;
pub mod explanation;
pub mod export_panel;
pub mod field_menu;
pub mod modal;
pub mod quick_reference;
pub mod template_panel;
pub mod verdict;
