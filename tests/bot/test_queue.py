import datetime as dt

from bot.queue import CLAIMED, NORMAL, URGENT, Queue
from bot.storage import Storage


def test_most_urgent_first_then_longest_waiting_and_one_claim_only(database_url):
    queue = Queue(Storage(database_url))
    first = queue.add("web-a", "web", "en", NORMAL, "asked")
    second = queue.add("web-b", "web", "pl", NORMAL, "asked")
    urgent = queue.add("web-c", "web", "ar", URGENT, "safety")
    assert [i.id for i in queue.open_items()] == [urgent.id, first.id, second.id]
    assert queue.waiting_ahead(second) == 2 and queue.waiting_ahead(urgent) == 0
    assert queue.claim(first.id, staff_id=1)
    assert not queue.claim(first.id, staff_id=2), "two staff can never hold the same conversation"
    assert queue.get(first.id).state == CLAIMED and queue.get(first.id).claimed_by == 1
    assert not queue.close(first.id, staff_id=2, outcome="answered")
    assert queue.close(first.id, staff_id=1, outcome="answered")
    assert first.id not in [i.id for i in queue.open_items()]
    assert isinstance(queue.get(urgent.id).created_at, dt.datetime)
