//! A loopback HTTP server that misbehaves on purpose: redirects, oversized, endless, slow and
//! broken bodies. It records every request it receives, and how many bytes it managed to
//! write, so tests can prove what the client sent and what it read.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does once it has read a request.
pub type Behaviour =
    Arc<dyn Fn(TcpStream, Arc<Stats>) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// What a server saw and did.
#[derive(Default)]
pub struct Stats {
    /// Each request as received: head and body.
    pub requests: Mutex<Vec<String>>,
    /// Bytes of response body written before the client went away.
    pub body_bytes_written: AtomicUsize,
}

pub struct Hostile {
    pub addr: SocketAddr,
    pub stats: Arc<Stats>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Hostile {
    pub async fn start(behaviour: Behaviour) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let stats = Arc::new(Stats::default());
        let task_stats = stats.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                let stats = task_stats.clone();
                let behaviour = behaviour.clone();
                tokio::spawn(async move {
                    if let Some(request) = read_request(&mut stream).await {
                        stats.requests.lock().unwrap().push(request);
                        behaviour(stream, stats).await;
                    }
                });
            }
        });
        Hostile { addr, stats, task }
    }

    /// A server that answers every request with these bytes, then closes.
    pub async fn fixed(response: impl Into<Vec<u8>>) -> Hostile {
        let response = Arc::new(response.into());
        Hostile::start(Arc::new(move |mut stream, _| {
            let response = response.clone();
            Box::pin(async move {
                let _ = stream.write_all(&response).await;
                let _ = stream.shutdown().await;
            })
        }))
        .await
    }

    pub fn base_url(&self) -> String {
        format!("http://{}/api/", self.addr)
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<String> {
        self.stats.requests.lock().unwrap().clone()
    }

    pub fn written(&self) -> usize {
        self.stats.body_bytes_written.load(Ordering::SeqCst)
    }
}

/// A complete answer with a JSON body.
pub fn json_response(status: u16, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Writes `chunk` again and again (chunked encoding) until `total` bytes or until the client
/// goes away, `pause` between chunks; counts what was written.
pub fn streaming(chunk: usize, total: usize, pause: Duration) -> Behaviour {
    Arc::new(move |mut stream, stats| {
        Box::pin(async move {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                        Transfer-Encoding: chunked\r\n\r\n";
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let data = vec![b' '; chunk];
            let mut sent = 0;
            while sent < total {
                let frame = [format!("{chunk:x}\r\n").as_bytes(), &data, b"\r\n"].concat();
                if stream.write_all(&frame).await.is_err() {
                    return;
                }
                sent += chunk;
                stats.body_bytes_written.fetch_add(chunk, Ordering::SeqCst);
                if !pause.is_zero() {
                    tokio::time::sleep(pause).await;
                }
            }
            let _ = stream.write_all(b"0\r\n\r\n").await;
        })
    })
}

/// Reads one request (head and a `Content-Length` body); `None` if the peer closed first.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            break end + 4;
        }
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
            .await
            .ok()?
            .ok()?;
        if n == 0 || data.len() > 1 << 20 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
    }
    Some(String::from_utf8_lossy(&data).into_owned())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
