"""``pdf guidelines`` as a separate process: the guide from the principles in use, in the
run's language by default or the one asked for, for a class; a bad path leaves nothing."""

from __future__ import annotations

from pathlib import Path

from tests.pdf_text import pdf_text


def words(path: Path) -> str:
    return " ".join(pdf_text(path).split())


def test_the_guide_follows_the_preset_and_the_language(cli, tmp_path) -> None:
    assert cli("principles", "use", "den-lille-skole").returncode == 0
    target = tmp_path / "guide.pdf"
    done = cli("pdf", "guidelines", "--out", str(target), lang="da")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(str(target))
    text = words(target)
    assert "Sådan samarbejder vi om dit barn" in text
    assert "du får svar inden for 3 arbejdsdage" in text
    assert "Telefonsamtaler og sms med personalet sker efter aftale." in text

    assert cli("principles", "use", "skoledistrikt-vest").returncode == 0
    done = cli("pdf", "guidelines", "--out", str(target), "--lang", "en", lang="da")
    assert done.returncode == 0, done.stderr
    text = words(target)
    assert "How we work together on your child" in text
    assert "You will get a reply by the next working day at the latest." in text
    assert "the parents elect the class parent council" in text


def test_for_a_class(cli, tmp_path) -> None:
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.store.database import open_database

    services = Services(open_database(cli.data_dir))
    me = services.school.add_teacher("Mette Kjær", "MKH", is_user=True)
    services.classes.create("7.C", contact_teacher_ids=(me.id,))
    services.db.close()
    target = tmp_path / "7c.pdf"
    done = cli("pdf", "guidelines", "--class", "7.C", "--out", str(target))
    assert done.returncode == 0, done.stderr
    text = words(target)
    assert "A guide for the parents of 7.C" in text
    assert "Contact teacher Mette Kjær" in text
    assert "In grades 7 to 9 it also says" in text


def test_a_bad_path_or_class_is_refused_and_leaves_nothing(cli, tmp_path) -> None:
    done = cli("pdf", "guidelines", "--out", str(tmp_path / "nowhere" / "guide.pdf"))
    assert done.returncode == 1
    assert "does not exist" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "nowhere").exists()
    done = cli("pdf", "guidelines", "--class", "9.Z", "--out", str(tmp_path / "g.pdf"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "g.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix in {".pdf", ".part"}] == []
