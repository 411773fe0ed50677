//! Reading spec files: parse into the model and remember where every node sits, so a later
//! check can point at `file:line:column`.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::model::SpecFile;
use crate::prescan;

/// A problem in the spec, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// File as given to the generator.
    pub file: PathBuf,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// Plain-language message.
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for SpecError {}

/// A parsed spec file with its node positions.
#[derive(Debug)]
pub struct Source {
    /// Path of the file.
    pub path: PathBuf,
    /// The parsed content.
    pub spec: SpecFile,
    positions: HashMap<String, (usize, usize)>,
}

impl Source {
    /// Reads and parses one file.
    pub fn load(path: &Path) -> Result<Source, SpecError> {
        let bytes = std::fs::read(path).map_err(|e| SpecError {
            file: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!("cannot read the file: {e}"),
        })?;
        Source::parse_bytes(path, &bytes)
    }

    /// Decodes `bytes` (UTF-8, an optional byte-order mark) and parses them as `path`.
    pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Source, SpecError> {
        let text = prescan::decode(bytes).map_err(|p| problem(path, p))?;
        Source::parse(path, text)
    }

    /// Parses `text` as the content of `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Source, SpecError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Before any YAML parser: refuse what they handle badly (deep nesting) or what must
        // never reach generated Rust (control characters), each at its own line and column.
        prescan::scan_chars(text).map_err(|p| problem(path, p))?;
        prescan::scan_depth(text).map_err(|p| problem(path, p))?;
        let index = index_positions(text);
        let spec: SpecFile = serde_yaml::from_str(text).map_err(|e| {
            // serde_yaml gives no location for a second document; the indexer saw where it
            // starts.
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .or(index.second_document)
                .unwrap_or((1, 1));
            SpecError {
                file: path.to_path_buf(),
                line,
                column,
                message: clean_serde_message(&e.to_string()),
            }
        })?;
        // An escaped character (`"\u202E"`) passes the raw-text scan; the parsed scalar does not.
        if let Some((line, column, c)) = index.forbidden {
            return Err(SpecError {
                file: path.to_path_buf(),
                line,
                column,
                message: prescan::forbidden_message(c),
            });
        }
        Ok(Source {
            path: path.to_path_buf(),
            spec,
            positions: index.positions,
        })
    }

    /// An error located at a node path such as `methods[0].request[2].type`. When the exact
    /// node is unknown, the nearest known ancestor is used.
    pub fn error_at(&self, node: &str, message: impl Into<String>) -> SpecError {
        let (line, column) = self.position(node);
        SpecError {
            file: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    fn position(&self, node: &str) -> (usize, usize) {
        let mut candidate = node;
        loop {
            if let Some(pos) = self.positions.get(candidate) {
                return *pos;
            }
            match candidate.rfind(['.', '[']) {
                Some(cut) => candidate = &candidate[..cut],
                None => return (1, 1),
            }
        }
    }
}

/// serde_yaml appends " at line X column Y" to its messages; the location is printed in front
/// of ours instead.
fn clean_serde_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message.to_string(),
    }
}

fn problem(path: &Path, p: prescan::Problem) -> SpecError {
    SpecError {
        file: path.to_path_buf(),
        line: p.line,
        column: p.column,
        message: p.message,
    }
}

fn index_positions(text: &str) -> Indexer {
    let mut indexer = Indexer::default();
    let mut parser = Parser::new_from_str(text);
    // Syntax errors are reported by serde_yaml with their location.
    let _ = parser.load(&mut indexer, true);
    indexer
}

/// 1-based line and column of a parser mark.
fn position(mark: Marker) -> (usize, usize) {
    (mark.line().max(1), mark.col() + 1)
}

enum Frame {
    Map { key: Option<String> },
    Seq { index: usize },
}

#[derive(Default)]
struct Indexer {
    frames: Vec<Frame>,
    /// Rendered path of each open frame.
    paths: Vec<String>,
    positions: HashMap<String, (usize, usize)>,
    documents: usize,
    /// Where the second document starts, if there is one.
    second_document: Option<(usize, usize)>,
    /// The first scalar holding a forbidden character once unescaped.
    forbidden: Option<(usize, usize, char)>,
}

impl Indexer {
    fn child_path(&self) -> Option<String> {
        let parent = self.paths.last().map(String::as_str).unwrap_or("");
        match self.frames.last()? {
            Frame::Map { key: Some(key) } if parent.is_empty() => Some(key.clone()),
            Frame::Map { key: Some(key) } => Some(format!("{parent}.{key}")),
            Frame::Map { key: None } => None,
            Frame::Seq { index } => Some(format!("{parent}[{index}]")),
        }
    }

    fn value_done(&mut self) {
        match self.frames.last_mut() {
            Some(Frame::Map { key }) => *key = None,
            Some(Frame::Seq { index }) => *index += 1,
            None => {}
        }
    }

    fn record(&mut self, path: String, mark: Marker, overwrite: bool) {
        let pos = position(mark);
        if overwrite {
            self.positions.insert(path, pos);
        } else {
            self.positions.entry(path).or_insert(pos);
        }
    }
}

impl MarkedEventReceiver for Indexer {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents == 2 {
                    self.second_document = Some(position(mark));
                }
            }
            Event::Scalar(value, ..) => {
                if self.forbidden.is_none() {
                    if let Some(c) = value.chars().find(|&c| prescan::forbidden(c)) {
                        let (line, column) = position(mark);
                        self.forbidden = Some((line, column, c));
                    }
                }
                if let Some(Frame::Map { key: key @ None }) = self.frames.last_mut() {
                    *key = Some(value);
                    if let Some(path) = self.child_path() {
                        self.record(path, mark, false);
                    }
                    return;
                }
                if let Some(path) = self.child_path() {
                    self.record(path, mark, true);
                }
                self.value_done();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let path = self.child_path().unwrap_or_default();
                if !path.is_empty() {
                    self.record(path.clone(), mark, false);
                }
                self.paths.push(path);
                self.frames.push(match event {
                    Event::MappingStart(..) => Frame::Map { key: None },
                    _ => Frame::Seq { index: 0 },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.frames.pop();
                self.paths.pop();
                self.value_done();
            }
            // An alias stands for a node defined elsewhere; errors about what it repeats
            // point at the alias.
            Event::Alias(..) => {
                if let Some(path) = self.child_path() {
                    self.record(path, mark, true);
                }
                self.value_done();
            }
            _ => {}
        }
    }
}
