"""The request threads of an app server process (plenary/request_threads.py): the crowd holds at
most its share of them, people at work are served first, and no thread is lost."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from plenary.request_threads import Threads, of_the_crowd


def run(scenario):
    """In a thread of its own: the browser tests' driver keeps an event loop in this one."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, scenario()).result(timeout=30)


def scope(
    method: str = "GET", headers: list[tuple[bytes, bytes]] | None = None, path: str = "/n/x/"
) -> dict:
    return {"type": "http", "method": method, "path": path, "headers": headers or []}


def test_the_crowd_is_who_reads_pages_without_being_signed_in():
    assert of_the_crowd(scope("GET"))
    assert of_the_crowd(scope("HEAD", [(b"cookie", b"django_language=fr")]))
    assert not of_the_crowd(scope("POST"))
    assert not of_the_crowd(scope("GET", [(b"authorization", b"Bearer abc")]))
    assert not of_the_crowd(scope("GET", [(b"cookie", b"sessionid=abc")]))
    assert not of_the_crowd(scope("GET", path="/static/participation/participation.css"))


def test_the_crowd_holds_its_share_and_people_at_work_still_find_a_thread():
    async def scenario():
        threads = Threads(3, crowd_most=1)
        first = await threads.borrow(crowd=True)
        second_of_the_crowd = asyncio.ensure_future(threads.borrow(crowd=True))
        await asyncio.sleep(0)
        waited = not second_of_the_crowd.done()
        chair = await asyncio.wait_for(threads.borrow(crowd=False), 1)
        threads.give_back(first, crowd=True)
        second = await asyncio.wait_for(second_of_the_crowd, 1)
        return waited, chair, second, threads

    waited, chair, second, threads = run(scenario)
    assert waited  # two threads idle, but the crowd already had its one
    assert chair is not second
    assert threads.crowds == 1 and len(threads.idle) == 1


def test_a_thread_that_comes_free_goes_to_people_at_work_before_the_crowd():
    async def scenario():
        threads = Threads(2, crowd_most=2)
        held = [await threads.borrow(crowd=True), await threads.borrow(crowd=False)]
        served = []

        async def ask(name: str, crowd: bool):
            thread = await threads.borrow(crowd)
            served.append(name)
            threads.give_back(thread, crowd)

        asking = [asyncio.ensure_future(ask(f"public {n}", True)) for n in range(3)]
        await asyncio.sleep(0)
        asking.append(asyncio.ensure_future(ask("chair", False)))
        await asyncio.sleep(0)
        threads.give_back(held.pop(), crowd=False)
        await asyncio.wait_for(asyncio.gather(*asking), 1)
        threads.give_back(held.pop(), crowd=True)
        return served, threads

    served, threads = run(scenario)
    assert served[0] == "chair"  # asked last, served first
    assert served[1:] == ["public 0", "public 1", "public 2"]  # the crowd in order of asking
    assert threads.crowds == 0 and len(threads.idle) == 2


def test_a_request_that_gives_up_waiting_loses_no_thread():
    async def scenario():
        threads = Threads(1, crowd_most=1)
        held = await threads.borrow(crowd=False)
        gives_up = asyncio.ensure_future(threads.borrow(crowd=True))
        await asyncio.sleep(0)
        gives_up.cancel()
        await asyncio.gather(gives_up, return_exceptions=True)
        threads.give_back(held, crowd=False)
        again = await asyncio.wait_for(threads.borrow(crowd=True), 1)
        return threads, again

    threads, again = run(scenario)
    assert again is threads.all[0] and threads.crowds == 1 and not threads.waiting[True]
