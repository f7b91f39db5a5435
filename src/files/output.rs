//! Writing outputs: see the [parent module](super) for what each kind of path gets.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::msg;

/// Where an output's bytes go; see the [module docs](super).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A device, FIFO, socket or `/proc` path: opened and written in place.
    Direct(PathBuf),
    /// A regular file (new or existing; a link's target): a temporary file beside it, then
    /// renamed over it.
    Replace(PathBuf),
}

/// A checked output path. Make one with [`Output::check`] before the long work, write it
/// with [`Output::write`] or a [`Staging`] after.
#[derive(Clone, Debug)]
pub struct Output {
    given: PathBuf,
    destination: Destination,
}

/// Paths that are this process's standard output.
const STDOUT_NAMES: [&str; 4] = ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"];

impl Output {
    /// Check `path` as the value of `option` (`-o`, `--diagram`, `--out`): decide where it is
    /// written, and refuse a directory, a missing or unwritable directory, a dangling symbolic
    /// link, and any of `inputs` (the same file under any name).
    pub fn check(path: &Path, option: &str, inputs: &[&Path]) -> Result<Output> {
        Output::check_probing(path, option, &Inputs::new(inputs), &mut Vec::new())
    }

    /// [`Output::check`] each of `paths` (several outputs of one option, such as `--out DIR`'s
    /// files), in order, stopping at the first refused; a directory is tried for writing once,
    /// not once per file (creating a file is the costliest step of a short run).
    pub fn check_all(
        paths: impl IntoIterator<Item = PathBuf>,
        option: &str,
        inputs: &[&Path],
    ) -> Result<Vec<Output>> {
        let mut probed = Vec::new();
        let inputs = Inputs::new(inputs);
        paths
            .into_iter()
            .map(|path| Output::check_probing(&path, option, &inputs, &mut probed))
            .collect()
    }

    /// [`Output::check`], but a directory in `probed` (found to be a directory and tried) is
    /// not looked at again; one tried here joins it.
    fn check_probing(
        path: &Path,
        option: &str,
        inputs: &Inputs,
        probed: &mut Vec<PathBuf>,
    ) -> Result<Output> {
        let refuse = |what: Message| {
            Err(Error::bad_option(
                option,
                msg!(
                    "output-refused",
                    path = path.display().to_string(),
                    reason = what
                ),
            ))
        };
        // The path's own metadata, when it is no link: what `metadata` would give again.
        let mut not_a_link = None;
        let destination = if STDOUT_NAMES.iter().any(|n| path == Path::new(n)) {
            Destination::Stdout
        } else if path.starts_with("/dev/fd") || path.starts_with("/proc") {
            Destination::Direct(path.to_path_buf())
        } else {
            let found = fs::symlink_metadata(path);
            if let Ok(meta) = &found
                && !meta.file_type().is_symlink()
            {
                not_a_link = Some(meta.clone());
            }
            match found {
                Ok(meta) if meta.file_type().is_symlink() => match fs::metadata(path) {
                    Ok(target) if target.is_dir() => {
                        return refuse(Message::new("output-link-to-directory"));
                    }
                    Ok(target) => {
                        let resolved = fs::canonicalize(path)
                            .map_err(|e| Error::io(path, "error-io-link", e))?;
                        if target.is_file() {
                            Destination::Replace(resolved)
                        } else {
                            Destination::Direct(resolved)
                        }
                    }
                    Err(_) => {
                        return refuse(Message::new("output-dangling-link"));
                    }
                },
                Ok(meta) if meta.is_dir() => {
                    return refuse(Message::new("output-is-directory"));
                }
                Ok(meta) if meta.is_file() => Destination::Replace(path.to_path_buf()),
                Ok(_) => Destination::Direct(path.to_path_buf()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    Destination::Replace(path.to_path_buf())
                }
                Err(e) => {
                    return Err(Error::io(path, "error-io-writable", e));
                }
            }
        };
        if destination != Destination::Stdout
            && let Some(input) = inputs.same_file_as(path, not_a_link.as_ref())
        {
            return refuse(msg!("output-is-input", input = input.display().to_string()));
        }
        if let Destination::Replace(target) = &destination {
            let dir = directory_of(target);
            if !probed.iter().any(|d| d == dir) {
                match fs::metadata(dir) {
                    Ok(m) if m.is_dir() => {}
                    Ok(_) => return refuse(Message::new("output-parent-is-file")),
                    Err(_) => {
                        return refuse(msg!(
                            "output-no-directory",
                            dir = dir.display().to_string()
                        ));
                    }
                }
                // Try now, so that a read-only directory fails before the work, not after it.
                tempfile::Builder::new()
                    .prefix(".deltagraph-probe")
                    .tempfile_in(dir)
                    .map_err(|e| Error::io(path, "error-io-create-in", e))?;
                probed.push(dir.to_path_buf());
            }
        }
        Ok(Output {
            given: path.to_path_buf(),
            destination,
        })
    }

    /// The path as given (for `wrote …` messages).
    pub fn path(&self) -> &Path {
        &self.given
    }

    /// Where the bytes go.
    pub fn destination(&self) -> &Destination {
        &self.destination
    }

    /// Write `bytes` all at once (a [`Staging`] of one file).
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        let mut staging = Staging::default();
        staging.add(self, bytes)?;
        staging.commit()
    }
}

/// A command's inputs, each looked at once (on first need) for all its outputs.
struct Inputs<'a> {
    paths: &'a [&'a Path],
    metadata: std::cell::OnceCell<Vec<Option<fs::Metadata>>>,
}

impl<'a> Inputs<'a> {
    fn new(paths: &'a [&'a Path]) -> Self {
        Inputs {
            paths,
            metadata: std::cell::OnceCell::new(),
        }
    }

    /// The first input that is the same existing file as `path` (through links, hard links,
    /// `..`), whose metadata is `known` if given. Compares metadata, never opens either:
    /// opening a FIFO would block.
    fn same_file_as(&self, path: &Path, known: Option<&fs::Metadata>) -> Option<&'a Path> {
        if self.paths.is_empty() {
            return None;
        }
        let looked_up;
        let output = match known {
            Some(meta) => meta,
            None => {
                looked_up = fs::metadata(path).ok()?;
                &looked_up
            }
        };
        let inputs = self
            .metadata
            .get_or_init(|| self.paths.iter().map(|p| fs::metadata(p).ok()).collect());
        self.paths
            .iter()
            .zip(inputs)
            .find(|(input, meta)| {
                meta.as_ref()
                    .is_some_and(|m| same_file(path, output, input, m))
            })
            .map(|(input, _)| *input)
    }
}

/// Whether `a` and `b`, with their metadata, are one file.
fn same_file(a: &Path, ma: &fs::Metadata, b: &Path, mb: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = (a, b);
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
    }
}

/// The directory a file is in (`.` for a bare name).
fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Outputs written but not yet in place; see the [module docs](super). Dropping a staging
/// without committing removes its temporary files and changes nothing.
#[derive(Debug, Default)]
pub struct Staging {
    replacements: Vec<(NamedTempFile, Output)>,
    direct: Vec<(Vec<u8>, Output)>,
    /// Files that already hold their bytes, open for writing: only their times are set, at
    /// the commit.
    unchanged: Vec<(fs::File, Output)>,
}

impl Staging {
    /// Write `bytes` for `output`: into its temporary file now (so a full disk shows here), or,
    /// for standard output and devices, kept until [`commit`](Self::commit). A file that
    /// already holds exactly `bytes` is not written again: the commit sets its times.
    pub fn add(&mut self, output: &Output, bytes: &[u8]) -> Result<()> {
        let target = match output.destination() {
            Destination::Replace(target) => target,
            _ => {
                self.direct.push((bytes.to_vec(), output.clone()));
                return Ok(());
            }
        };
        if let Some(file) = holding(target, bytes) {
            self.unchanged.push((file, output.clone()));
            return Ok(());
        }
        let failed = |e| Error::io(output.path(), "error-io-write", e);
        let name = target
            .file_name()
            .map_or("output".into(), |n| n.to_string_lossy());
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // A new file gets the usual 0666 less the umask (tempfile's default is 0600).
        #[cfg(unix)]
        let default_mode = {
            use std::os::unix::fs::PermissionsExt;
            fs::Permissions::from_mode(0o666)
        };
        #[cfg(unix)]
        builder.permissions(default_mode);
        let mut file = builder.tempfile_in(directory_of(target)).map_err(failed)?;
        if let Ok(meta) = fs::metadata(target) {
            // Replacing keeps the old file's permissions.
            file.as_file()
                .set_permissions(meta.permissions())
                .map_err(failed)?;
        }
        // No fsync: the rename already makes the write all-or-nothing for every reader and
        // for any failure of this process, which is the promise here. An fsync would add
        // durability across an OS crash, at 3–25 ms a file on a busy disk.
        file.write_all(bytes).map_err(failed)?;
        file.flush().map_err(failed)?;
        self.replacements.push((file, output.clone()));
        Ok(())
    }

    /// Put every staged output in place: devices and standard output first (a write there can
    /// fail, e.g. `/dev/full`, and then no file has been replaced yet), then each temporary
    /// file put in place of its target. A rename within one directory does not fail for want of
    /// space, so once the first file is in place the rest follow.
    pub fn commit(self) -> Result<()> {
        for (bytes, output) in &self.direct {
            match output.destination() {
                Destination::Direct(path) => {
                    let failed = |e| Error::io(output.path(), "error-io-write", e);
                    let mut f = fs::OpenOptions::new()
                        .write(true)
                        .open(path)
                        .map_err(failed)?;
                    f.write_all(bytes).map_err(failed)?;
                    f.flush().map_err(failed)?;
                }
                _ => crate::console::print_bytes(bytes)?,
            }
        }
        for (file, output) in self.replacements {
            let Destination::Replace(target) = output.destination() else {
                unreachable!("only replacements are staged as temporary files")
            };
            file.persist(target)
                .map_err(|e| Error::io(output.path(), "error-io-persist", e.error))?;
        }
        for (file, output) in &self.unchanged {
            touch(file).map_err(|e| Error::io(output.path(), "error-io-persist", e))?;
        }
        Ok(())
    }
}

/// `target` opened for reading and writing, when it is a regular file holding exactly `bytes`:
/// writing them again would change nothing but the file's times, at the cost of a new file, a
/// rename, and on ext4 an early write-out of the new file and the freeing of the old one's
/// blocks (0.1–0.2 ms a file, half of a whole run's time in the kernel when `train` is run
/// again over its outputs). Opened for writing, so that setting its times to now is allowed
/// (the owner, or anyone who may write it); a file this process may not write, or cannot
/// read, takes the usual path (a rename needs only the directory). The comparison reads the
/// file in pieces, never all of it at once.
#[cfg(unix)]
fn holding(target: &Path, bytes: &[u8]) -> Option<fs::File> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        // A link put at the target's name since the check is not followed, nor does a FIFO
        // put there block the open.
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(target)
        .ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    const PIECE: usize = 1 << 16;
    let mut buffer = vec![0; bytes.len().min(PIECE) + 1];
    let mut rest = bytes;
    loop {
        let n = match file.read(&mut buffer) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        if n == 0 {
            // The end, where `bytes` end too (not earlier, in a file that shrank since).
            return rest.is_empty().then_some(file);
        }
        if n > rest.len() || buffer[..n] != rest[..n] {
            return None;
        }
        rest = &rest[n..];
    }
}

/// Elsewhere every output is written anew.
#[cfg(not(unix))]
fn holding(_target: &Path, _bytes: &[u8]) -> Option<fs::File> {
    None
}

/// Set `file`'s access and modification times to now, as writing it would have: a build tool
/// comparing times sees an output made after its inputs. (Both times to now is what any
/// writer of the file may do; other times need its owner.)
#[cfg(unix)]
fn touch(file: &fs::File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor is open for as long as `file` is borrowed, and a null `times`
    // asks for the current time.
    match unsafe { libc::futimens(file.as_raw_fd(), std::ptr::null()) } {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

#[cfg(not(unix))]
fn touch(_file: &fs::File) -> io::Result<()> {
    unreachable!("no file is kept unchanged here")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_planted_link_at_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        // The name the old writer used: predictable from the process id.
        let planted = dir
            .path()
            .join(format!(".out.md.{}.tmp", std::process::id()));
        #[cfg(unix)]
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let out = dir.path().join("out.md");
        Output::check(&out, "-o", &[])
            .unwrap()
            .write(b"new")
            .unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_to_string(&out).unwrap(), "new");
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "no temporary file left behind: {names:?}");
    }

    #[test]
    fn check_all_refuses_what_check_refuses_in_order() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let paths = ["a.csv", "sub", "missing/b.csv"].map(|n| dir.path().join(n));
        let error = |r: Result<_>| r.map(|_: Vec<Output>| ()).unwrap_err().to_string();
        assert_eq!(
            error(Output::check_all(paths.clone(), "--out", &[])),
            Output::check(&paths[1], "--out", &[])
                .unwrap_err()
                .to_string()
        );
        let later = [paths[0].clone(), paths[2].clone()];
        assert!(
            error(Output::check_all(later, "--out", &[])).contains("missing"),
            "the second path's directory is checked although the first's was tried"
        );
        let fine = ["a.csv", "b.svg", "sub/c.toml"].map(|n| dir.path().join(n));
        let outputs = Output::check_all(fine.clone(), "--out", &[]).unwrap();
        let destinations: Vec<&Destination> = outputs.iter().map(Output::destination).collect();
        assert_eq!(
            destinations,
            fine.map(Destination::Replace).iter().collect::<Vec<_>>()
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no probe file left"
        );
    }

    /// sysfs refuses new files, even to root; that shows when a directory is tried.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_directory_is_tried_once() {
        let refusing = Path::new("/sys/kernel");
        assert!(refusing.is_dir());
        let (a, b) = (refusing.join("deltagraph-a"), refusing.join("deltagraph-b"));
        assert!(Output::check(&b, "--out", &[]).is_err(), "tried, refused");
        let mut probed = vec![refusing.to_path_buf()];
        assert!(Output::check_probing(&b, "--out", &Inputs::new(&[]), &mut probed).is_ok());
        let e = Output::check_all([a, b], "--out", &[]).unwrap_err();
        assert!(e.to_string().contains("deltagraph-a"), "{e}");
    }

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_input_among_several_outputs_is_refused_wherever_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let (data, other) = (dir.path().join("data.csv"), dir.path().join("other.csv"));
        fs::write(&data, "1,2,a\n").unwrap();
        fs::write(&other, "3,4,b\n").unwrap();
        let names = ["a.csv", "b.svg", "c.toml"];
        for k in 0..names.len() {
            let out = tempfile::tempdir_in(dir.path()).unwrap();
            // Output k is the second input under another name; the others are new files.
            fs::hard_link(&other, out.path().join(names[k])).unwrap();
            let paths = names.map(|n| out.path().join(n));
            let e = Output::check_all(paths, "--out", &[&data, &other])
                .map(drop)
                .unwrap_err()
                .to_string();
            assert!(e.contains(names[k]) && e.contains("other.csv"), "{k}: {e}");
            let fine = Output::check_all(names.map(|n| out.path().join(n)), "--out", &[&data]);
            assert!(fine.is_ok(), "{k}: only the other input is there");
        }
    }

    #[test]
    fn replacing_a_file_keeps_its_mode_and_links_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let other = dir.path().join("hard-link.csv");
        fs::write(&a, "old").unwrap();
        fs::hard_link(&a, &other).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
        }
        for content in ["new", "newer, and longer"] {
            let output = Output::check(&a, "--out", &[]).unwrap();
            output.write(content.as_bytes()).unwrap();
            assert_eq!(fs::read_to_string(&a).unwrap(), content);
        }
        // The name was given a new file: the old one lives on under its other name.
        assert_eq!(fs::read_to_string(&other).unwrap(), "old");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&a).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert_eq!(names(dir.path()), ["a.csv", "hard-link.csv"]);
    }

    #[test]
    fn a_directory_put_in_place_of_the_target_after_the_check_stays() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        fs::write(&a, "old").unwrap();
        let output = Output::check(&a, "--out", &[]).unwrap();
        let mut staging = Staging::default();
        staging.add(&output, b"new").unwrap();
        fs::remove_file(&a).unwrap();
        fs::create_dir(&a).unwrap();
        fs::write(a.join("inside"), "kept").unwrap();
        assert!(
            staging.commit().is_err(),
            "a file does not replace a directory"
        );
        assert_eq!(fs::read_to_string(a.join("inside")).unwrap(), "kept");
        assert_eq!(names(dir.path()), ["a.csv"], "no temporary file left");
    }

    /// The file's inode number and modification time.
    #[cfg(unix)]
    fn identity(path: &Path) -> (u64, std::time::SystemTime) {
        use std::os::unix::fs::MetadataExt;
        let meta = fs::metadata(path).unwrap();
        (meta.ino(), meta.modified().unwrap())
    }

    /// Set `path`'s modification time to 2001.
    #[cfg(unix)]
    fn age(path: &Path) -> std::time::SystemTime {
        let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        old
    }

    #[cfg(unix)]
    #[test]
    fn the_same_bytes_again_keep_the_file_and_only_its_times_change() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.svg");
        let other = dir.path().join("hard-link.svg");
        // Larger than one piece of the comparison, and a short one.
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        for content in [&long[..], b"short"] {
            fs::write(&a, content).unwrap();
            let _ = fs::remove_file(&other);
            fs::hard_link(&a, &other).unwrap();
            let old = age(&a);
            let (inode, _) = identity(&a);
            let output = Output::check(&a, "--out", &[]).unwrap();

            // Staged, not committed: not even the time changes.
            let mut staging = Staging::default();
            staging.add(&output, content).unwrap();
            drop(staging);
            assert_eq!(identity(&a), (inode, old));

            output.write(content).unwrap();
            let (kept, modified) = identity(&a);
            assert_eq!(kept, inode, "the same file");
            assert!(modified > old, "its time is now");
            assert_eq!(fs::read(&a).unwrap(), content);
            assert_eq!(
                fs::read(&other).unwrap(),
                content,
                "the link still shares it"
            );
            assert_eq!(names(dir.path()), ["a.svg", "hard-link.svg"]);
        }
    }

    #[cfg(unix)]
    #[test]
    fn other_bytes_of_the_same_length_or_a_prefix_replace_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut last_differs = long.clone();
        *last_differs.last_mut().unwrap() ^= 1;
        let cases: [(&[u8], &[u8]); 4] = [
            (b"abc", b"abd"),
            (&long, &last_differs),
            (b"abcd", b"abc"),
            (b"abc", b"abcd"),
        ];
        for (old, new) in cases {
            fs::write(&a, old).unwrap();
            let (inode, _) = identity(&a);
            Output::check(&a, "--out", &[]).unwrap().write(new).unwrap();
            assert_eq!(fs::read(&a).unwrap(), new);
            assert_ne!(identity(&a).0, inode, "a new file ({} bytes)", new.len());
        }
        assert_eq!(names(dir.path()), ["a.csv"]);
    }

    #[test]
    fn a_failed_staging_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        fs::write(&a, "old").unwrap();
        let mut staging = Staging::default();
        staging
            .add(&Output::check(&a, "--out", &[]).unwrap(), b"new")
            .unwrap();
        drop(staging);
        assert_eq!(fs::read_to_string(&a).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
