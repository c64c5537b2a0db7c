# Documents carry pupil data: they are not in Django's admin (operations has no case content).
