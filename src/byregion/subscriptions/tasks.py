"""The subscriptions' tasks (django-tasks): a task's arguments are primary keys, never
addresses. Production queues them in the database for `byregion db_worker`; the demo and
the tests run them at once (the immediate backend)."""

from django_tasks import task

from . import sending


@task()
def send_notice(subscription_id: int, kind: str) -> None:
    sending.send_notice_now(subscription_id, kind)


@task()
def send_digests(mail_ids: list[int]) -> dict[str, int]:
    return sending.send_batch(mail_ids)
