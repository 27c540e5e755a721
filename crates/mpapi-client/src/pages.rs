//! Lazy paging: a [`Stream`] of the items of every page of a list endpoint, fetching the
//! next page only when the items of the previous one have been taken.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use mpapi_runtime::EndpointInfo;
use serde_json::Value;

use crate::{AnyCode, ApiClient, Error, PlatformCode};

/// One page of a list endpoint's answer, as the pager needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T, C> {
    /// The page's items, in the order received.
    pub items: Vec<T>,
    /// Whether the platform says more pages follow.
    pub has_more: bool,
    /// The cursor to send for the next page.
    pub next_cursor: Option<C>,
}

/// The future of one page; `K` is the endpoint's error-code type, as in [`Pages`].
pub type PageFuture<T, C, K = AnyCode> =
    Pin<Box<dyn Future<Output = Result<Page<T, C>, Error<K>>> + Send>>;

type Fetch<T, C, K> = Box<dyn FnMut(Option<C>) -> PageFuture<T, C, K> + Send>;

enum State<T, C, K: PlatformCode> {
    /// Ready to ask for the page at this cursor (`None`: the first page).
    Ready(Option<C>),
    /// A page is on its way; the cursor it was asked with.
    Fetching(PageFuture<T, C, K>, Option<C>),
    /// No page follows (or an error ended the stream).
    Done,
}

/// The items of every page of a list endpoint, as a [`Stream`] of `Result<T, Error<K>>`.
/// `K` is the endpoint's error-code type: the generated clients' `…_pages` methods use
/// the endpoint's own (as their single-page method does), [`ApiClient::pages_json`]
/// [`AnyCode`] (the default).
///
/// The first page is asked for without a cursor; while an answer says more pages follow,
/// the next page is asked for with the answer's cursor, and only once the items already
/// received have been taken. The stream ends after the last page, or after the first
/// error (yielded as its last item). An answer that says more pages follow but gives no
/// cursor, or gives back the cursor just sent, is an [`Error::Pagination`] rather than
/// a loop.
///
/// Generated clients return one from their `…_pages` methods; without a stream
/// combinator library, take items with [`Pages::next_item`]:
///
/// ```no_run
/// # async fn demo(pages: mpapi_client::Pages<serde_json::Value, String>) -> Result<(), mpapi_client::Error> {
/// let mut pages = pages;
/// while let Some(item) = pages.next_item().await {
///     println!("{}", item?);
/// }
/// # Ok(()) }
/// ```
pub struct Pages<T, C, K: PlatformCode = AnyCode> {
    fetch: Fetch<T, C, K>,
    buffer: VecDeque<T>,
    state: State<T, C, K>,
    pages: u64,
}

impl<T, C, K: PlatformCode> fmt::Debug for Pages<T, C, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("buffered", &self.buffer.len())
            .field("pages_fetched", &self.pages)
            .field("done", &matches!(self.state, State::Done))
            .finish_non_exhaustive()
    }
}

// The pager never pins its fields in place: the page future is boxed.
impl<T, C, K: PlatformCode> Unpin for Pages<T, C, K> {}

impl<T, C, K> Pages<T, C, K>
where
    C: PartialEq + Clone,
    K: PlatformCode,
{
    /// A pager over `fetch`, which asks for the page at a cursor (`None`: the first page).
    pub fn new<F>(fetch: F) -> Self
    where
        F: FnMut(Option<C>) -> PageFuture<T, C, K> + Send + 'static,
    {
        Pages {
            fetch: Box::new(fetch),
            buffer: VecDeque::new(),
            state: State::Ready(None),
            pages: 0,
        }
    }

    /// How many pages have been received so far.
    pub fn pages_fetched(&self) -> u64 {
        self.pages
    }

    /// The next item, fetching the next page if needed; `None` after the last one.
    pub async fn next_item(&mut self) -> Option<Result<T, Error<K>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every remaining item, stopping at the first error.
    pub async fn collect_all(mut self) -> Result<Vec<T>, Error<K>> {
        let mut all = Vec::new();
        while let Some(item) = self.next_item().await {
            all.push(item?);
        }
        Ok(all)
    }
}

impl<T, C, K> Stream for Pages<T, C, K>
where
    C: PartialEq + Clone,
    K: PlatformCode,
{
    type Item = Result<T, Error<K>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Ready(cursor) => {
                    let future = (this.fetch)(cursor.clone());
                    this.state = State::Fetching(future, cursor);
                }
                State::Fetching(mut future, sent) => match future.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching(future, sent);
                        return Poll::Pending;
                    }
                    Poll::Ready(Err(e)) => return Poll::Ready(Some(Err(e))),
                    Poll::Ready(Ok(page)) => {
                        this.pages += 1;
                        this.buffer.extend(page.items);
                        if page.has_more {
                            match page.next_cursor {
                                None => {
                                    this.state = State::Done;
                                    return Poll::Ready(Some(Err(Error::Pagination {
                                        reason: format!(
                                            "page {} says more pages follow but gives no cursor",
                                            this.pages
                                        ),
                                    })));
                                }
                                Some(next) if sent.as_ref() == Some(&next) => {
                                    return Poll::Ready(Some(Err(Error::Pagination {
                                        reason: format!(
                                            "page {} gives back the cursor it was asked with, which would repeat it forever",
                                            this.pages
                                        ),
                                    })));
                                }
                                Some(next) => this.state = State::Ready(Some(next)),
                            }
                        }
                    }
                },
            }
        }
    }
}

impl ApiClient {
    /// Every item of every page of a paged endpoint, for tools that work on any endpoint
    /// by id: `body` (an object, or `null` for an endpoint without a body) and `query`
    /// are sent as given for the first page, then with the endpoint's cursor member set
    /// to the previous answer's next cursor. Each item is a JSON value of the answer's
    /// items list.
    ///
    /// Fails at once with [`Error::Pagination`] when the endpoint is not paged.
    pub fn pages_json(
        &self,
        endpoint: &'static EndpointInfo,
        query: Vec<(&'static str, String)>,
        body: Value,
    ) -> Result<Pages<Value, Value>, Error> {
        let Some(paging) = endpoint.pagination else {
            return Err(Error::Pagination {
                reason: format!("`{}` is not a paged endpoint", endpoint.id),
            });
        };
        let api = self.clone();
        Ok(Pages::new(move |cursor: Option<Value>| {
            let api = api.clone();
            let mut query = query.clone();
            let mut body = body.clone();
            if let Some(cursor) = cursor {
                if paging.cursor_in_query {
                    query.retain(|(k, _)| *k != paging.cursor);
                    let text = match cursor {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    query.push((paging.cursor, text));
                } else if let Value::Object(map) = &mut body {
                    map.insert(paging.cursor.to_owned(), cursor);
                } else {
                    let mut map = serde_json::Map::new();
                    map.insert(paging.cursor.to_owned(), cursor);
                    body = Value::Object(map);
                }
            }
            Box::pin(async move {
                let mut answer = if endpoint.request_body {
                    api.call_json(endpoint, &query, &body).await?
                } else {
                    api.call_json_without_body(endpoint, &query).await?
                };
                let items = match answer.get_mut(paging.items).map(Value::take) {
                    Some(Value::Array(items)) => items,
                    None | Some(Value::Null) => Vec::new(),
                    Some(_) => {
                        return Err(Error::Pagination {
                            reason: format!("the answer's `{}` is not a list", paging.items),
                        });
                    }
                };
                let has_more = answer
                    .get(paging.has_more)
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                let next_cursor = answer
                    .get_mut(paging.next_cursor)
                    .map(Value::take)
                    .filter(|v| !v.is_null());
                Ok(Page {
                    items,
                    has_more,
                    next_cursor,
                })
            })
        }))
    }
}
