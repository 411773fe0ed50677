//! When the sandbox runs out of file descriptors, `accept` fails on every call while the
//! listening socket stays readable. The server must back off instead of spinning: this test
//! starts the command-line sandbox with `ulimit -n 64`, holds 150 connections open, and
//! measures the CPU time the process uses while it cannot accept any more.
//!
//! Linux only: it reads `/proc`.
#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// CPU time (user + system) the process has used, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

fn clock_ticks_per_second() -> u64 {
    let output = Command::new("getconf").arg("CLK_TCK").output().unwrap();
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or(100)
}

fn open_descriptors(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, Iterator::count)
}

#[test]
fn running_out_of_file_descriptors_does_not_spin_the_accept_loop() {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -n 64 && exec "$0" --port 0"#)
        .arg(env!("CARGO_BIN_EXE_komet-sandbox"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().unwrap().unwrap();
    let base_url = first
        .split("base URL ")
        .nth(1)
        .unwrap_or_else(|| panic!("no base URL in {first:?}"));
    let addr = base_url
        .trim_start_matches("http://")
        .trim_end_matches("/api/")
        .to_owned();
    // Keep reading what the server prints, so a full pipe never blocks it.
    std::thread::spawn(move || lines.for_each(drop));

    // More connections than descriptors: the kernel completes them all, the server cannot
    // accept the rest and `accept` fails with EMFILE.
    let held: Vec<TcpStream> = (0..150)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    let deadline = Instant::now() + Duration::from_secs(10);
    while open_descriptors(pid) < 60 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        open_descriptors(pid) >= 60,
        "the sandbox should have run out of descriptors, it has {} open",
        open_descriptors(pid)
    );

    let window = Duration::from_secs(2);
    let before = cpu_ticks(pid);
    let started = Instant::now();
    std::thread::sleep(window);
    let used = (cpu_ticks(pid) - before) as f64 / clock_ticks_per_second() as f64;
    let share = used / started.elapsed().as_secs_f64();
    println!("CPU while out of descriptors: {used:.3} s in {window:?}");
    // A spinning loop takes a whole core (or all it can get on a busy machine); backing off
    // takes almost nothing. A quarter of a core leaves room for a loaded CI machine.
    assert!(
        share < 0.25,
        "the sandbox used {used:.2} s of CPU in {:.2} s while out of descriptors ({:.0}% of a core)",
        started.elapsed().as_secs_f64(),
        share * 100.0
    );

    // Once descriptors are free again, it accepts and answers.
    drop(held);
    let answered = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        answers(&addr)
    });
    assert!(answered, "the sandbox answers again once connections close");
    drop(server);
}

/// Whether an HTTP request gets an HTTP answer.
fn answers(addr: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = "GET /api/boxtype.list?authenticationToken=demo-company-token HTTP/1.1\r\n\
                   Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    answer.starts_with(b"HTTP/1.1 200")
}
